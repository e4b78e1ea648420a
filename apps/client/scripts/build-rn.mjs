/**
 * `taro build --type rn --platform android`, made trustworthy: Taro exits 0 when Metro fails and has hung
 * after writing the bundle, so this runs it under a time limit and fails unless a non-empty bundle appears.
 * The bundle must then compile with Hermes (hermes.mjs), as the app's release build compiles it.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kib } from './files.mjs';
import { compileToBytecode } from './hermes.mjs';

const { themePalettes } = createRequire(import.meta.url)('../config/theme-palettes.js');

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(appDir, 'dist', 'rn', 'index.bundle');
const limitSeconds = Number(process.env.XIAOJIA_RN_BUILD_TIMEOUT ?? 600);

function bundleSize() {
  try {
    return statSync(bundle).size;
  } catch {
    return 0;
  }
}

/** Metro ends a finished bundle by requiring the entry module: a truncated file lacks it. */
function bundleLooksComplete(size) {
  const tailLength = Math.min(size, 4096);
  const tail = Buffer.alloc(tailLength);
  const fd = openSync(bundle, 'r');
  try {
    readSync(fd, tail, 0, tailLength, size - tailLength);
  } finally {
    closeSync(fd);
  }
  return tail.toString('utf8').includes('__r(');
}

rmSync(bundle, { force: true });
const started = Date.now();
const child = spawn(
  'timeout',
  [
    '--kill-after=10',
    String(limitSeconds),
    path.join(appDir, 'node_modules', '.bin', 'taro'),
    'build',
    '--type',
    'rn',
    '--platform',
    'android',
  ],
  {
    cwd: appDir,
    stdio: 'inherit',
  },
);
child.on('exit', (code, signal) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const size = bundleSize();
  if (code === 124 || code === 137) {
    // Timed out: fine only if the bundle was fully written before the hang.
    console.error(`build:rn: taro did not exit within ${limitSeconds}s`);
  }
  if (size === 0) {
    console.error(
      `build:rn: FAILED after ${seconds}s: no bundle at ${path.relative(appDir, bundle)} (taro exit ${code ?? signal})`,
    );
    process.exit(1);
  }
  if (!bundleLooksComplete(size)) {
    console.error(`build:rn: FAILED: ${path.relative(appDir, bundle)} is incomplete (no entry call at its end)`);
    process.exit(1);
  }
  // Metro takes its transformer from metro.config.js; without ours, the app would be light only.
  const darkBackground = themePalettes().dark['--xj-bg'];
  if (!readFileSync(bundle, 'utf8').includes(`"${darkBackground}"`)) {
    console.error(
      `build:rn: FAILED: no dark palette (${darkBackground}) in the bundle: is config/rn-transformer.js used?`,
    );
    process.exit(1);
  }
  if (code !== 0 && code !== 124 && code !== 137) {
    console.error(`build:rn: taro exited with ${code ?? signal}`);
    process.exit(1);
  }
  const bytecode = compileToBytecode(bundle);
  if (!bytecode.ok) {
    console.error(`build:rn: FAILED: Hermes rejects ${path.relative(appDir, bundle)}: ${bytecode.message}`);
    process.exit(1);
  }
  console.log(`build:rn: ${path.relative(appDir, bundle)} ${kib(size)} in ${seconds}s`);
  console.log(`build:rn: Hermes bytecode (hermesc -O, not kept): ${kib(bytecode.bytes)}`);
});
