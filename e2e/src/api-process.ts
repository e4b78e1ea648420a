/**
 * API-level e2e helpers: the built server (apps/api/dist/main.js) as a child process on a data dir the
 * test chooses (so it can be restarted on the same data, or killed with SIGKILL), the operator CLI
 * (dist/cli.js), and plain-HTTP tRPC calls as any client makes them. No browser needed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliEntry, freePort, repoRoot, serverEntry } from './paths.js';

export { cliEntry } from './paths.js';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs at all. */
  kill9(): Promise<void>;
}

function requireServerBuild(): void {
  if (!existsSync(serverEntry) || !existsSync(cliEntry)) {
    throw new Error('e2e: apps/api/dist is missing; build it first: pnpm --filter @xiaojia/api build');
  }
}

/**
 * Starts the built server with exactly these settings (plus a free loopback port) and waits for /healthz.
 * Every e2e server, with a browser or without, starts here.
 */
export async function startApi(
  env: Record<string, string>,
  options: { cwd?: string /** The same port again (a browser keeps its storage per origin). */; port?: number } = {},
): Promise<ApiProcess> {
  requireServerBuild();
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [serverEntry], {
    cwd: options.cwd ?? repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      XIAOJIA_HOST: '127.0.0.1',
      XIAOJIA_PORT: String(port),
      XIAOJIA_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!alive()) throw new Error(`e2e: the server exited before answering:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`e2e: the server did not answer /healthz within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => log,
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      // A server that cannot shut down must not hang the suite.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs the operator CLI with these settings (and `input` on stdin); resolves with its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input = '',
): Promise<{ code: number; output: string }> {
  requireServerBuild();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cliEntry, ...args],
      { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', XIAOJIA_LOG_LEVEL: 'warn', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
    child.stdin?.end(input);
  });
}

export class TrpcError extends Error {
  constructor(
    readonly appCode: string,
    message: string,
    readonly details: unknown,
  ) {
    super(`${appCode}: ${message}`);
  }
}

interface TrpcEnvelope {
  result?: { data: unknown };
  error?: { message: string; data?: { appCode?: string; details?: unknown } };
}

/** One tRPC call over HTTP (no batching, no transformer), as the Taro client's link sends it. */
export async function trpc<T = Record<string, unknown>>(
  base: string,
  kind: 'query' | 'mutation',
  procedure: string,
  input?: unknown,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const url =
    kind === 'query'
      ? `${base}/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${base}/trpc/${procedure}`;
  const response = await fetch(url, {
    method: kind === 'query' ? 'GET' : 'POST',
    headers,
    ...(kind === 'mutation' ? { body: JSON.stringify(input ?? null) } : {}),
  });
  const envelope = (await response.json()) as TrpcEnvelope;
  if (envelope.error) {
    throw new TrpcError(
      envelope.error.data?.appCode ?? 'UNKNOWN',
      envelope.error.message,
      envelope.error.data?.details,
    );
  }
  return envelope.result?.data as T;
}

/** An 8x8 JPEG; `variant` is appended after the end-of-image marker so every call has its own etag. */
export function tinyJpeg(variant: string): Buffer {
  const jpeg = Buffer.from(
    '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJAB58//2Q==',
    'base64',
  );
  return Buffer.concat([jpeg, Buffer.from(variant)]);
}

export interface UploadTicket {
  kind: 'upload';
  key: string;
  uploadUrl: string;
  fields: Record<string, string>;
}

/** The id of the home sign-up made for the account (its first home). */
export async function ownHomeId(base: string, token: string): Promise<string> {
  const { items } = await trpc<{ items: { id: string }[] }>(base, 'query', 'homes.list', undefined, token);
  const id = items[0]?.id;
  if (!id) throw new Error('the account is in no home');
  return id;
}

/** uploads.create for one JPEG into `homeId`; returns its ticket. */
export async function createUpload(base: string, token: string, homeId: string, bytes: Buffer): Promise<UploadTicket> {
  const { tickets } = await trpc<{ tickets: UploadTicket[] }>(
    base,
    'mutation',
    'uploads.create',
    { homeId, files: [{ filename: 'e2e.jpg', size: bytes.length, mime: 'image/jpeg' }] },
    token,
  );
  const ticket = tickets[0];
  if (ticket?.kind !== 'upload') throw new Error(`expected an upload ticket, got ${JSON.stringify(tickets)}`);
  return ticket;
}

/** The form POST to storage, fields first, then the file, as the clients send it. */
export async function postUpload(ticket: UploadTicket, bytes: Buffer): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.set(name, value);
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'e2e.jpg');
  const response = await fetch(ticket.uploadUrl, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

/** create -> POST -> confirm into `homeId`; returns the photo id once the server has acknowledged it. */
export async function uploadAndConfirm(base: string, token: string, homeId: string, bytes: Buffer): Promise<string> {
  const ticket = await createUpload(base, token, homeId, bytes);
  const status = await postUpload(ticket, bytes);
  if (status !== 200) throw new Error(`upload refused with ${status}`);
  const { photo } = await trpc<{ photo: { id: string } }>(
    base,
    'mutation',
    'uploads.confirm',
    { homeId, key: ticket.key, width: 8, height: 8 },
    token,
  );
  return photo.id;
}

/** The original bytes of a photo, through the signed URL photos.get hands out. */
export async function readOriginal(base: string, token: string, homeId: string, photoId: string): Promise<Buffer> {
  const detail = await trpc<{ originalUrl: string | null }>(
    base,
    'query',
    'photos.get',
    { homeId, id: photoId },
    token,
  );
  if (!detail.originalUrl) throw new Error(`photo ${photoId} has no original URL`);
  const response = await fetch(detail.originalUrl);
  if (response.status !== 200) throw new Error(`original of ${photoId} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
