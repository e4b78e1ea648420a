#!/usr/bin/env node
/**
 * Run by `pnpm test` before any suite: makes sure the machine has the system programs the tests drive
 * (Debian's Chromium for e2e, PostgreSQL's server binaries for the two-instance e2e and the API suite on
 * PostgreSQL, ffmpeg for the API's video tests, which make their clips with it and run the embedded store's
 * posters through it, a CJK font so e2e screenshots show the Chinese UI). What is missing is installed with apt-get
 * when we are root on Debian; otherwise we stop at once and print the one command that fixes it, rather
 * than let the e2e suite fail twenty minutes in.
 *
 * Plain ESM with no dependencies: it runs right after `pnpm install`, before anything is built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the tests need, each with the Debian package that provides it. `required: false` is nice to have:
 * installed along when we install anyway, never a reason to stop.
 */
export const PREREQUISITES = [
  { name: 'Chromium', pkg: 'chromium', required: true, present: (fs) => fs.exists('/usr/bin/chromium') },
  {
    name: 'PostgreSQL server',
    pkg: 'postgresql',
    required: true,
    present: (fs, env) =>
      Boolean(env.XIAOJIA_TEST_PG_URL) ||
      pgBinDirs(fs, env).some((dir) => fs.exists(path.join(dir, 'postgres')) && fs.exists(path.join(dir, 'initdb'))),
  },
  {
    name: 'ffmpeg (the video tests make their clips with it and test posters through it)',
    pkg: 'ffmpeg',
    required: true,
    present: (fs, env) => ['ffmpeg', 'ffprobe'].every((program) => onPath(fs, env, program)),
  },
  {
    name: 'a CJK font',
    pkg: 'fonts-wqy-microhei',
    required: false,
    present: (fs) => fs.exists('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
  },
];

/** Whether `program` is in a directory of PATH (the API's tests run ffmpeg and ffprobe by name). */
function onPath(fs, env, program) {
  const dirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => fs.exists(path.join(dir, program)));
}

/** The same places apps/api/src/test/pg-cluster.ts looks for the server binaries. */
function pgBinDirs(fs, env) {
  const dirs = env.XIAOJIA_PG_BIN ? [env.XIAOJIA_PG_BIN] : [];
  const root = '/usr/lib/postgresql';
  for (const version of fs.list(root).filter((v) => /^\d+$/.test(v))) dirs.push(path.join(root, version, 'bin'));
  return dirs;
}

/**
 * Decides what to do, from facts only (no side effects), so it can be tested on any machine:
 * - `{ action: 'none' }` when every required program is there;
 * - `{ action: 'install', packages }` when we may install (root, apt-get present);
 * - `{ action: 'stop', message }` otherwise, naming the one command that fixes it.
 */
export function plan({ fs, env, isRoot, hasApt }) {
  const missing = PREREQUISITES.filter((p) => !p.present(fs, env));
  const missingRequired = missing.filter((p) => p.required);
  if (missingRequired.length === 0) return { action: 'none', missing };
  const packages = missing.map((p) => p.pkg);
  if (isRoot && hasApt) return { action: 'install', packages, missing };
  const names = missingRequired.map((p) => p.name).join(' and ');
  const command = hasApt
    ? `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
    : `install ${missingRequired.map((p) => p.pkg).join(' and ')} with your system's package manager (Chromium at /usr/bin/chromium), or set XIAOJIA_TEST_PG_URL to a PostgreSQL server you run`;
  return {
    action: 'stop',
    missing,
    message: `The tests need ${names}, which this machine does not have, and they can only be installed as root.\nRun:\n\n  ${command}\n\nthen run the tests again.`,
  };
}

const realFs = {
  exists: (file) => existsSync(file),
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

function hasCommand(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function main() {
  const decision = plan({
    fs: realFs,
    env: process.env,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: hasCommand('apt-get'),
  });
  if (decision.action === 'none') return 0;
  if (decision.action === 'stop') {
    process.stderr.write(`\n${decision.message}\n\n`);
    return 1;
  }
  console.log(`test prerequisites: installing ${decision.packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...decision.packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  } catch {
    process.stderr.write(
      `\napt-get could not install ${decision.packages.join(' ')} (see above). Fix that, then run the tests again.\n\n`,
    );
    return 1;
  }
  const after = plan({ fs: realFs, env: process.env, isRoot: false, hasApt: true });
  if (after.action !== 'none') {
    process.stderr.write(
      `\napt-get finished, but ${after.missing.map((p) => p.name).join(', ')} is still missing.\n\n`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
