/**
 * The client's build outputs (apps/client/dist/<target>) and building them on request: the benches read
 * what is there and build only when asked (--build-client) or, for one that cannot run without it, when
 * it is missing. A build made once in a run serves every bench of that run.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './build.js';

export const clientDist = path.join(repoRoot, 'apps', 'client', 'dist');

/** `build` makes every target (weapp, H5, RN: minutes), `build:h5` the H5 site alone. */
type ClientScript = 'build' | 'build:h5';
const built = new Set<ClientScript>();

export function buildClient(script: ClientScript, log: (message: string) => void): void {
  if (built.has(script) || built.has('build')) return;
  log(`  building the client (pnpm --filter @xiaojia/client ${script})`);
  const result = spawnSync('pnpm', ['--filter', '@xiaojia/client', script], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`the client build failed (exit ${result.status})`);
  built.add(script);
}

export const builtAt = (file: string) =>
  `built ${statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
