/**
 * Compiles a JS bundle to Hermes bytecode with the `hermesc` that ships inside the react-native package,
 * the compiler a release build of the app uses: a bundle it rejects would not run on the phone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Where react-native keeps hermesc for each platform it ships one for (x64 builds). */
const HERMESC_BY_PLATFORM = {
  linux: path.join('linux64-bin', 'hermesc'),
  darwin: path.join('osx-bin', 'hermesc'),
  win32: path.join('win64-bin', 'hermesc.exe'),
};

/** The hermesc of the react-native package the client depends on, or null when none fits this machine. */
export function findHermesc() {
  const relative = HERMESC_BY_PLATFORM[process.platform];
  if (!relative || (process.platform !== 'darwin' && process.arch !== 'x64')) return null;
  const reactNative = path.dirname(createRequire(import.meta.url).resolve('react-native/package.json'));
  const hermesc = path.join(reactNative, 'sdks', 'hermesc', relative);
  return existsSync(hermesc) ? hermesc : null;
}

/**
 * Compiles `bundle` as a release build does (`-O`, warnings off) into a temporary file that is removed
 * afterwards, so no .hbc is left for Metro, the bench or the native shell to pick up.
 * Returns `{ ok: true, bytes }` (bytecode size), or `{ ok: false, message }` with hermesc's errors.
 * `scratchDir` is where the temporary directory goes (tests pass their own).
 */
export function compileToBytecode(bundle, { hermesc = findHermesc(), scratchDir = os.tmpdir() } = {}) {
  if (!hermesc) {
    return { ok: false, message: `react-native ships no hermesc for ${process.platform}-${process.arch}` };
  }
  const outDir = mkdtempSync(path.join(scratchDir, 'xiaojia-hermes-'));
  const bytecode = path.join(outDir, 'index.hbc');
  try {
    const run = spawnSync(hermesc, ['-emit-binary', '-O', '-w', '-out', bytecode, bundle], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) return { ok: false, message: `hermesc did not run: ${run.error.message}` };
    if (run.status !== 0 || !existsSync(bytecode)) {
      const errors = `${run.stderr}${run.stdout}`.trim().split('\n').slice(0, 40).join('\n');
      return { ok: false, message: `hermesc exited with ${run.status ?? run.signal}:\n${errors}` };
    }
    return { ok: true, bytes: statSync(bytecode).size };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
