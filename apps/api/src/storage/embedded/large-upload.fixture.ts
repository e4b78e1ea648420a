/**
 * Child process for the large-upload test: the embedded store alone on a loopback port, so the test can
 * read this process's memory from outside while bytes stream in. Prints one JSON line when ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createEmbeddedStore } from './index.js';

const dir = process.env.STORE_DIR;
if (!dir) throw new Error('STORE_DIR is required');
const store = await createEmbeddedStore({
  dir,
  logger: pino({ level: 'silent' }),
  maxUploadBytes: 4 * 1024 * 1024 * 1024,
});
const server = createServer((req, res) => {
  store.handler(req, res, (req.url ?? '/').split('?')[0] ?? '/').then(
    (handled) => {
      if (!handled) res.writeHead(404).end();
    },
    () => res.destroy(),
  );
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port, bucket: store.bucket, ...store.credentials })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  store.close();
  process.exit(0);
});
