import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '@xiaojia/api';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/context';
import HomePage from './index';

type Answer = (input: unknown) => unknown;

/** A tRPC link answering from `answers` by procedure path, recording each call. */
function scriptedApi(answers: Record<string, Answer>) {
  const calls: { path: string; input: unknown }[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        const answer = answers[op.path];
        Promise.resolve()
          .then(() => {
            if (!answer) throw new Error(`no answer scripted for ${op.path}`);
            return answer(op.input);
          })
          .then(
            (data) => {
              observer.next({ result: { type: 'data', data } });
              observer.complete();
            },
            (error: unknown) => observer.error(TRPCClientError.from(error as Error)),
          );
      });
  return { client: createTRPCClient<AppRouter>({ links: [link] }), calls };
}

const health = { ok: true, name: 'xiaojia', version: '9.9.9', time: '2026-05-01T08:00:00.000Z' };

function renderHome(answers: Record<string, Answer>) {
  const api = scriptedApi(answers);
  render(
    <ApiProvider client={api.client}>
      <HomePage />
    </ApiProvider>,
  );
  return api;
}

describe('home page', () => {
  afterEach(cleanup);

  it('shows the server health from health.check', async () => {
    const api = renderHome({ 'health.check': () => health });
    expect(document.querySelector('#health-status')?.textContent).toBe('正在连接…');
    await waitFor(() => expect(document.querySelector('#health-status')?.textContent).toBe('在线 · xiaojia 9.9.9'));
    expect(screen.getByText('服务器时间 2026-05-01T08:00:00.000Z')).toBeTruthy();
    expect(api.calls).toEqual([{ path: 'health.check', input: undefined }]);
  });

  it('says when the server cannot be reached', async () => {
    renderHome({
      'health.check': () => {
        throw new TypeError('Network request failed: request:fail timeout');
      },
    });
    await waitFor(() =>
      expect(document.querySelector('#health-status')?.textContent).toBe(
        '连接失败：Network request failed: request:fail timeout',
      ),
    );
  });

  it('sends the typed text through health.echo and shows the answer', async () => {
    const api = renderHome({
      'health.check': () => health,
      'health.echo': (input) => ({ text: (input as { text: string }).text, at: health.time }),
    });
    const input = await waitFor(() => {
      const element = document.querySelector('#echo-input input');
      if (!element) throw new Error('echo input not rendered');
      return element;
    });
    fireEvent.input(input, { target: { value: '宝宝第一步' } });
    const send = document.querySelector('#echo-send');
    if (!send) throw new Error('send button not rendered');
    fireEvent.click(send);
    await waitFor(() => expect(document.querySelector('#echo-result')?.textContent).toBe('服务器回答：宝宝第一步'));
    expect(api.calls.at(-1)).toEqual({ path: 'health.echo', input: { text: '宝宝第一步' } });
  });
});
