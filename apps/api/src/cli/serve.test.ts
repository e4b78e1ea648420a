import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomKey } from '../integrations/secrets.js';
import { signUpAndGetToken } from '../test/auth.js';
import { callerFor, createTestDatabase, type TestDatabase, testConfig } from '../test/deps.js';
import { makeJpeg } from '../test/photos.js';
import { slowUpload } from '../test/slow-upload.js';
import { type RunningServer, startServer } from './serve.js';

let dir: string;
let database: TestDatabase;
const running: RunningServer[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'xiaojia-serve-test-'));
  database = await createTestDatabase(path.join(dir, 'xiaojia.db'));
});
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop('test over');
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function start(graceMs = 10_000): Promise<RunningServer> {
  const config = testConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    storeDir: path.join(dir, 'objects'),
    database: database.database,
    secretKey: randomKey(),
    shutdownGraceMs: graceMs,
  });
  const server = await startServer(config, pino({ level: 'silent' }));
  running.push(server);
  return server;
}

/** Signs up, asks for an upload grant and sends the first half of a photo under it. */
async function startSlowUpload(server: RunningServer, username: string) {
  // With its origin, callerFor mints upload URLs that reach this server.
  const deps = { ...server.app.deps, origin: server.internalOrigin };
  const { caller, token, homeId } = await signUpAndGetToken(deps, username);
  const bytes = await makeJpeg(640, 480);
  const { tickets } = await caller.uploads.create({
    homeId,
    files: [{ filename: 'slow.jpg', size: bytes.length, mime: 'image/jpeg' }],
  });
  const ticket = tickets[0];
  if (ticket?.kind !== 'upload') throw new Error('expected an upload ticket');
  const upload = slowUpload(ticket.uploadUrl, ticket.fields, bytes);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { token, homeId, ticket, bytes, upload };
}

describe('graceful shutdown', () => {
  it('stops accepting, lets an upload in flight finish, and the acknowledged photo is there after a restart', async () => {
    const first = await start();
    const { token, homeId, ticket, bytes, upload } = await startSlowUpload(first, 'grace');

    const stopping = first.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // No new connections once stopping...
    await expect(fetch(`${first.internalOrigin}/healthz`)).rejects.toThrow();
    // ...but the upload that was under way completes and is acknowledged.
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(200);
    expect(await stopping).toBe(true);

    const second = await start();
    const again = callerFor({ ...second.app.deps, origin: second.internalOrigin }, { token });
    const confirmed = await again.uploads.confirm({ homeId, key: ticket.key, width: 640, height: 480 });
    const detail = await again.photos.get({ homeId, id: confirmed.photo.id });
    const stored = await fetch(detail.originalUrl ?? '');
    expect(Buffer.from(await stored.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('cuts off an upload that outlasts the grace period, and leaves no trace of it', async () => {
    const server = await start(300);
    const { upload } = await startSlowUpload(server, 'cutoff');
    // The client never sends the rest: the grace period runs out.
    expect(await server.stop('SIGTERM')).toBe(false);
    expect((await upload.answer).status).toBe(0);
    expect(readdirSync(path.join(dir, 'objects', 'tmp'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'objects', 'data'))).toEqual([]);
  });
});
