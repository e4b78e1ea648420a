/**
 * The README's two commands are the contract with a newcomer and with CI: CI runs the test command verbatim,
 * and that command sets up what the tests need (scripts/test-prerequisites.mjs). These checks keep the
 * README, the root package.json and .ci/run telling the same story.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations (it must run before anything is built)
import { plan } from '../../scripts/test-prerequisites.mjs';
import { repoRoot } from './paths.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** The commands of the README's "The two commands" code block, in order. */
function readmeCommands(): string[] {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## The two commands'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

describe('the README commands', () => {
  it('has the install-and-start command and the test command', () => {
    const [start, test] = readmeCommands();
    expect(start).toBe('corepack enable && pnpm install && pnpm start');
    expect(test).toBe('corepack enable && pnpm install && pnpm test');
  });

  it('.ci/run runs the README test command verbatim, on a line of its own', () => {
    const test = readmeCommands()[1];
    const lines = read('.ci/run')
      .split('\n')
      .map((line) => line.trim());
    expect(lines).toContain(test);
  });

  it('.ci/run leaves the system set-up to the test command, so CI proves the command does it', () => {
    expect(read('.ci/run')).not.toMatch(/apt-get/);
  });

  it('pnpm test checks the prerequisites before any suite runs', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts.test).toMatch(/^node scripts\/test-prerequisites\.mjs && /);
  });
});

type Facts = { files: string[]; dirs?: Record<string, string[]>; env?: Record<string, string> };
function decide({ files, dirs = {}, env = {} }: Facts, isRoot: boolean, hasApt = true) {
  const fs = { exists: (f: string) => files.includes(f), list: (d: string) => dirs[d] ?? [] };
  return plan({ fs, env, isRoot, hasApt }) as {
    action: 'none' | 'install' | 'stop';
    packages?: string[];
    message?: string;
  };
}

const CHROMIUM = '/usr/bin/chromium';
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const FFMPEG = ['/usr/bin/ffmpeg', '/usr/bin/ffprobe'];
const PG = { files: ['/usr/lib/postgresql/15/bin/postgres', '/usr/lib/postgresql/15/bin/initdb'] };
const PG_DIRS = { '/usr/lib/postgresql': ['15'] };

describe('test prerequisites', () => {
  it('does nothing when everything is there', () => {
    expect(decide({ files: [CHROMIUM, FONT, ...FFMPEG, ...PG.files], dirs: PG_DIRS }, false).action).toBe('none');
  });

  it('a missing font alone is no reason to stop', () => {
    expect(decide({ files: [CHROMIUM, ...FFMPEG, ...PG.files], dirs: PG_DIRS }, false).action).toBe('none');
  });

  it('as root on Debian, installs what is missing, the font along', () => {
    const result = decide({ files: [...FFMPEG, ...PG.files], dirs: PG_DIRS }, true);
    expect(result).toMatchObject({ action: 'install', packages: ['chromium', 'fonts-wqy-microhei'] });
  });

  it('a fresh machine as root installs all four', () => {
    expect(decide({ files: [] }, true).packages).toEqual(['chromium', 'postgresql', 'ffmpeg', 'fonts-wqy-microhei']);
  });

  it('needs both ffmpeg and ffprobe on PATH, and says why ffmpeg is needed', () => {
    const others = [CHROMIUM, FONT, ...PG.files];
    expect(
      decide(
        { files: [...others, '/opt/ff/ffmpeg', '/opt/ff/ffprobe'], dirs: PG_DIRS, env: { PATH: '/opt/ff' } },
        false,
      ).action,
    ).toBe('none');
    const half = decide({ files: [...others, '/usr/bin/ffmpeg'], dirs: PG_DIRS }, false);
    expect(half.action).toBe('stop');
    expect(half.message).toContain('ffmpeg (the video tests make their clips with it');
    expect(half.message).toContain('install -y --no-install-recommends ffmpeg');
  });

  it('without root, stops with the one command that fixes it', () => {
    const result = decide({ files: [FONT, ...FFMPEG, ...PG.files], dirs: PG_DIRS }, false);
    expect(result.action).toBe('stop');
    expect(result.message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium');
    expect(result.message).not.toContain('postgresql');
  });

  it('finds the PostgreSQL binaries where XIAOJIA_PG_BIN says, or accepts a server URL instead', () => {
    const bin = {
      files: [CHROMIUM, ...FFMPEG, '/opt/pg/postgres', '/opt/pg/initdb'],
      env: { XIAOJIA_PG_BIN: '/opt/pg' },
    };
    expect(decide(bin, false).action).toBe('none');
    expect(
      decide({ files: [CHROMIUM, ...FFMPEG], env: { XIAOJIA_TEST_PG_URL: 'postgres://x@127.0.0.1/y' } }, false).action,
    ).toBe('none');
    expect(
      decide({ files: [CHROMIUM, ...FFMPEG, '/usr/lib/postgresql/15/bin/postgres'], dirs: PG_DIRS }, false).action,
    ).toBe('stop');
  });

  it('without apt-get, says what to install instead of a Debian command', () => {
    const result = decide({ files: [] }, true, false);
    expect(result.action).toBe('stop');
    expect(result.message).not.toContain('apt-get');
    expect(result.message).toContain('chromium and postgresql');
  });
});
