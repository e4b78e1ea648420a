/** Where the e2e suite finds the built app, and a free loopback port for each server it starts. */
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverEntry = path.join(repoRoot, 'apps/api/dist/main.js');
export const cliEntry = path.join(repoRoot, 'apps/api/dist/cli.js');
export const h5Dir = path.join(repoRoot, 'apps/client/dist/h5');
export const artifactsDir = path.join(repoRoot, 'e2e/artifacts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
