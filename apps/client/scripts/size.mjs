/**
 * Prints what a build weighs, and fails when the weapp main package passes WeChat's 2 MB limit.
 *   node scripts/size.mjs weapp   every file of dist/weapp (all of it is the main package: no subpackages yet)
 *   node scripts/size.mjs h5      JS and CSS that index.html loads, then all JS, raw and gzipped
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEAPP_MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function weapp() {
  const root = path.join(appDir, 'dist', 'weapp');
  const files = walk(root).filter((file) => path.basename(file) !== 'project.config.json');
  const sizes = files.map((file) => ({ file: path.relative(root, file), bytes: statSync(file).size }));
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  for (const s of sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 5))
    console.log(`  ${kib(s.bytes).padStart(10)}  ${s.file}`);
  console.log(`weapp main package: ${kib(total)} in ${files.length} files (limit ${kib(WEAPP_MAIN_PACKAGE_LIMIT)})`);
  if (total > WEAPP_MAIN_PACKAGE_LIMIT) {
    console.error('weapp main package is over the 2 MB limit: move pages into subpackages or cut dependencies');
    process.exit(1);
  }
}

function h5() {
  const root = path.join(appDir, 'dist', 'h5');
  const html = readFileSync(path.join(root, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => path.join(root, m[1]));
  const report = (label, files) => {
    const raw = files.reduce((sum, f) => sum + statSync(f).size, 0);
    const gz = files.reduce((sum, f) => sum + gzipped(f), 0);
    console.log(`h5 ${label}: ${kib(raw)} raw, ${kib(gz)} gzip (${files.length} files)`);
  };
  report('index.html loads', referenced);
  report(
    'all JS',
    walk(root).filter((f) => f.endsWith('.js')),
  );
}

const target = process.argv[2];
if (target === 'weapp') weapp();
else if (target === 'h5') h5();
else {
  console.error('usage: node scripts/size.mjs weapp|h5');
  process.exit(2);
}
