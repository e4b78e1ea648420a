/**
 * The servers run as plain bundled JS, as in production (`node dist/main.js`): no TypeScript loader in the
 * measured processes. The API is bundled with the options of apps/api/scripts/build.mjs into a cache
 * folder inside apps/api/node_modules, so its packages resolve exactly as they do for dist/main.js,
 * without touching apps/api/dist (other builds and tests use it).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const apiDir = path.join(repoRoot, 'apps', 'api');
const benchDir = path.join(repoRoot, 'bench');

export interface Bundles {
  /** The API server entry (apps/api/src/main.ts). */
  apiMain: string;
  /** The bare node:http baseline (bench/src/baseline-server.ts). */
  baseline: string;
}

export async function buildBundles(): Promise<Bundles> {
  const apiOut = path.join(apiDir, 'node_modules', '.cache', 'xiaojia-bench');
  const benchOut = path.join(benchDir, 'node_modules', '.cache', 'xiaojia-bench');
  mkdirSync(apiOut, { recursive: true });
  mkdirSync(benchOut, { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8')) as { version: string };
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  } as const;
  await build({
    ...common,
    entryPoints: { main: path.join(apiDir, 'src', 'main.ts') },
    outdir: apiOut,
    define: { __XIAOJIA_VERSION__: JSON.stringify(pkg.version) },
  });
  await build({
    ...common,
    entryPoints: { baseline: path.join(benchDir, 'src', 'baseline-server.ts') },
    outdir: benchOut,
  });
  return { apiMain: path.join(apiOut, 'main.js'), baseline: path.join(benchOut, 'baseline.js') };
}
