// Production bundle: the server as plain ESM JS so it starts without a TypeScript loader.
// Packages stay external (native better-sqlite3 and sharp, and pnpm's node_modules are there at run time).
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  // main: the server (`node dist/main.js`); cli: the operator CLI (bin `xiaojia`, keeps its #! line).
  entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  define: { __XIAOJIA_VERSION__: JSON.stringify(pkg.version) },
});
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
