/**
 * HTTP: /trpc (the API), /healthz, extra route handlers (the embedded store), and the H5 build with SPA
 * fallback. Plain node:http so request and upload bodies stream.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import { MAX_BATCH_CALLS } from '@xiaojia/shared';
import { createStaticHandler } from './http/static.js';
import type { AppDeps, RequestInfo } from './trpc/context.js';
import { appRouter } from './trpc/router.js';
import { VERSION } from './version.js';

/** A route handler answers (returns true) or passes (false). `pathname` is already split from the query. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

export interface ServerOptions {
  deps: AppDeps;
  /** Mounted before static hosting, e.g. the embedded store under /store/. */
  routes?: RouteHandler[];
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The origin this request reached us at: config first, then (behind a trusted proxy) X-Forwarded-*. */
export function requestOrigin(req: IncomingMessage, deps: AppDeps): string {
  if (deps.config.publicUrl) return deps.config.publicUrl;
  const trust = deps.config.trustProxy;
  const proto = (trust && firstHeader(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim()) || 'http';
  const host = (trust && firstHeader(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
  return `${proto}://${host}`;
}

/**
 * The token of `Authorization: Bearer <token>`; the scheme name is case-insensitive (RFC 9110 §11.1), so
 * `bearer` and `BEARER` count too. Null when absent, empty or another scheme.
 */
export function bearerToken(header: string | undefined): string | null {
  const match = /^bearer[ \t]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function requestInfo(req: IncomingMessage, deps: AppDeps, requestId: string): RequestInfo {
  const token = bearerToken(firstHeader(req.headers.authorization));
  const forwarded = deps.config.trustProxy
    ? firstHeader(req.headers['x-forwarded-for'])?.split(',')[0]?.trim()
    : undefined;
  return {
    requestId,
    token,
    userAgent: (firstHeader(req.headers['user-agent']) ?? '').slice(0, 300),
    ip: forwarded || req.socket.remoteAddress || '',
    origin: requestOrigin(req, deps),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function createHttpServer({ deps, routes = [] }: ServerOptions): Server {
  const serveStatic = deps.config.h5Dir ? createStaticHandler(deps.config.h5Dir) : null;
  const { logger } = deps;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = firstHeader(req.headers['x-request-id'])?.slice(0, 64) || randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Paths only: query strings may carry upload or download tokens.
      logger.info(
        { reqId: requestId, method: req.method, path: pathname, status: res.statusCode, ms: Math.round(ms) },
        'request',
      );
    });

    if (pathname === '/healthz') {
      sendJson(res, 200, { ok: true, version: VERSION });
      return;
    }
    if (pathname === '/trpc' || pathname.startsWith('/trpc/')) {
      // CORS for the H5 dev server and the RN app; bearer tokens, no cookies, so no credentials mode.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-request-id, trpc-accept');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      const request = incomingMessageToRequest(req, res, { maxBodySize: TRPC_MAX_BODY_BYTES });
      const response = await resolveResponse({
        router: appRouter,
        req: request,
        error: null,
        path: pathname.slice('/trpc/'.length),
        // One request cannot ask for unbounded work: the batch link on the client splits at the same size.
        maxBatchSize: MAX_BATCH_CALLS,
        createContext: async () => ({ deps, req: requestInfo(req, deps, requestId) }),
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') {
            logger.error({ reqId: requestId, path, err: error.cause ?? error }, 'procedure failed');
          }
        },
      });
      await writeWholeResponse(response, res);
      return;
    }
    for (const route of routes) {
      if (await route(req, res, pathname)) return;
    }
    if (serveStatic && (await serveStatic(req, res, pathname))) return;
    sendJson(res, 404, { error: 'not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url?.split('?')[0] }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // Node cuts any request still receiving its body after 5 minutes; an upload of a few hundred MB to the
  // embedded store from a phone takes longer. Headers must still arrive within headersTimeout (60 s).
  server.requestTimeout = UPLOAD_REQUEST_TIMEOUT_MS;
  return server;
}

/**
 * The largest /trpc request body. The biggest real one (500 ids, or 50 upload requests, in a full batch)
 * is far smaller; photo bytes never go through /trpc.
 */
export const TRPC_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Writes tRPC's answer in one piece. The node adapter pipes every body through a WebStreams WritableStream
 * chunk by chunk; our answers are whole JSON documents (no subscriptions, no streamed batches: the client's
 * httpBatchLink asks for plain JSON), so reading the body once and ending the response with it is the same
 * bytes for less work on the hot path (BENCHMARKS.md, Homes).
 */
async function writeWholeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    res.setHeader(key, value);
  });
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body) res.setHeader('Content-Length', body.length);
  res.end(body ?? undefined);
}

/** How long one request (a large upload) may take end to end. */
export const UPLOAD_REQUEST_TIMEOUT_MS = 2 * 60 * 60 * 1000;
