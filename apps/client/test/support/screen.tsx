/**
 * For screen tests: the real tRPC client and query layer over a link that answers from a script by
 * procedure path (no server, no network), recording every call. Every scripted answer must be one the API
 * could give (its procedure's output schema, api-outputs.ts): one that is not fails the test.
 */
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '@xiaojia/api';
import type { Photo } from '@xiaojia/shared';
import type { ReactNode } from 'react';
import { onTestFinished } from 'vitest';
import { z } from 'zod';
import { QueryProvider } from '../../src/api/query';
import { isProcedurePath, OUTPUTS } from './api-outputs';
import { id as testId } from './ids';

// jsdom has no IntersectionObserver, which Taro's H5 <Image lazyLoad> needs: one that never reports
// (nothing scrolls into view in jsdom, so lazy images simply stay unloaded there).
if (typeof globalThis.IntersectionObserver === 'undefined') {
  globalThis.IntersectionObserver = class {
    readonly root = null;
    readonly rootMargin = '0px';
    readonly thresholds = [0];
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  } as unknown as typeof IntersectionObserver;
}

export type Answer = (input: unknown) => unknown;
export interface Call {
  path: string;
  input: unknown;
}

/** An error as the server sends it: the app code in `data`, as TRPCClientError carries it. */
export function appError(appCode: string, message = appCode): Error {
  return Object.assign(new Error(message), { data: { appCode } });
}

/** The answer as the API would send it (its output schema applied), or why the API never could. */
export function asTheApiAnswers(path: string, data: unknown): unknown {
  if (!isProcedurePath(path)) throw new Error(`the API has no procedure ${path}`);
  const parsed = OUTPUTS[path].safeParse(data);
  if (parsed.success) return parsed.data;
  throw new Error(`the answer scripted for ${path} is one the API could never give:\n${z.prettifyError(parsed.error)}`);
}

export function scriptedApi(answers: Record<string, Answer>) {
  const calls: Call[] = [];
  const impossible: Error[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        Promise.resolve()
          .then(() => {
            const answer = answers[op.path];
            if (!answer) throw new Error(`no answer scripted for ${op.path}`);
            return answer(op.input);
          })
          .then((data) => {
            try {
              return asTheApiAnswers(op.path, data);
            } catch (error) {
              impossible.push(error as Error);
              throw error;
            }
          })
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (error: unknown) => {
              const data = (error as { data?: unknown }).data;
              observer.error(Object.assign(TRPCClientError.from(error as Error), data ? { data } : {}));
            },
          );
      });
  const client = createTRPCClient<AppRouter>({ links: [link] });
  const callsTo = (path: string) => calls.filter((call) => call.path === path).map((call) => call.input);
  // The screen may show such an answer as an error and the test still pass: fail it here instead.
  onTestFinished(() => {
    if (impossible.length > 0) throw impossible[0];
  });
  return { client, calls, callsTo };
}

/** Renders a screen with the scripted API behind the app's query layer (no retries: failures show at once). */
export function renderWithApi(ui: ReactNode, answers: Record<string, Answer>) {
  const api = scriptedApi(answers);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const view = render(
    <QueryProvider client={api.client} queryClient={queryClient}>
      {ui}
    </QueryProvider>,
  );
  return { ...api, queryClient, view };
}

export function element(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`${selector} is not rendered`);
  return found;
}

export function textOf(selector: string): string | null {
  return document.querySelector(selector)?.textContent ?? null;
}

/** A photo as photos.list returns it; ids must be UUIDv7-shaped like the server's. */
export function photo(id: string, sortAt = '2026-05-01T08:00:00.000Z', uploaderId = testId('user-1')): Photo {
  return {
    id,
    uploaderId,
    filename: `${id}.jpg`,
    mime: 'image/jpeg',
    size: 1000,
    width: 400,
    height: 300,
    takenAt: sortAt,
    createdAt: sortAt,
    sortAt,
    deletedAt: null,
    thumbUrl: `https://img.example.com/${id}.webp`,
    availability: 'ok',
    thumbhash: null,
    durationMs: null,
  };
}

/** A one-page photos.list answer. */
export function page(photos: Photo[]) {
  return { items: photos, nextCursor: null, urlsExpireAt: '2099-01-01T00:00:00.000Z' };
}

/**
 * Answers a keyset-paged list (albums.list, auth.devices) from `items()` as the server would: `limit`
 * at a time, the cursor being the index of the next page's first item.
 */
export function pagedAnswer<T>(items: () => readonly T[]): Answer {
  return (input) => {
    const { cursor, limit = 50 } = (input ?? {}) as { cursor?: string; limit?: number };
    const start = cursor ? Number(cursor) : 0;
    const all = items();
    return {
      items: all.slice(start, start + limit),
      nextCursor: start + limit < all.length ? String(start + limit) : null,
    };
  };
}
