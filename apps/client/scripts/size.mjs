/**
 * Prints what the H5 build weighs: JS and CSS that index.html loads, then all JS, raw and gzipped.
 *   node scripts/size.mjs h5
 * (The weapp build's sizes, against WeChat's package limits, come from scripts/check-weapp.mjs.)
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { kib, walk } from './files.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

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
if (target === 'h5') h5();
else {
  console.error('usage: node scripts/size.mjs h5');
  process.exit(2);
}
