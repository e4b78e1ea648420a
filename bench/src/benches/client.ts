/**
 * 6. Client weight, read from the build outputs (apps/client/dist): the weapp main package against
 *    WeChat's 2 MB limit, what the H5 index.html loads (raw and gzip), the React Native bundle. Sizes do
 *    not vary with machine load, so one reading is the figure. A target that was not built says so;
 *    `--build-client` builds all three first (several minutes).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildClient, builtAt, clientDist as dist } from '../lib/client-build.js';
import type { BenchContext } from '../lib/context.js';
import type { Figure } from '../lib/stats.js';

const WEAPP_MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
const KiB = 1024;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const notBuilt = (id: string, name: string, unit: string, what: string): Figure => ({
  id,
  name,
  unit,
  value: null,
  runs: [],
  note: `not built (${what}; \`pnpm bench --only=client --build-client\` builds it)`,
});

function weapp(): Figure {
  const root = path.join(dist, 'weapp');
  const name = 'weapp main package (all of dist/weapp but project.config.json)';
  if (!existsSync(path.join(root, 'app.js'))) return notBuilt('6a', name, 'KiB', 'no dist/weapp/app.js');
  const total = walk(root)
    .filter((f) => path.basename(f) !== 'project.config.json')
    .reduce((sum, f) => sum + statSync(f).size, 0);
  return {
    id: '6a',
    name,
    unit: 'KiB',
    value: total / KiB,
    runs: [total / KiB],
    baselineName: "WeChat's main package limit",
    baseline: WEAPP_MAIN_PACKAGE_LIMIT / KiB,
    ratio: total / WEAPP_MAIN_PACKAGE_LIMIT,
    target: { on: 'ratio', op: '<', limit: 1 },
    note: builtAt(path.join(root, 'app.js')),
  };
}

/** Raw and gzip sizes of `files` as two figures; or "not built" for both when `missing` says why. */
function rawAndGzip(
  ids: [string, string],
  label: string,
  files: () => string[],
  missing: string | null,
  builtFrom: string,
): Figure[] {
  const rawName = `${label}, raw`;
  const gzName = `${label}, gzip -9`;
  if (missing) return [notBuilt(ids[0], rawName, 'KiB', missing), notBuilt(ids[1], gzName, 'KiB', missing)];
  const list = files();
  const raw = list.reduce((sum, f) => sum + statSync(f).size, 0) / KiB;
  const gz = list.reduce((sum, f) => sum + gzipped(f), 0) / KiB;
  const note = `${list.length} file${list.length === 1 ? '' : 's'}, ${builtAt(builtFrom)}`;
  return [
    { id: ids[0], name: rawName, unit: 'KiB', value: raw, runs: [raw], note },
    {
      id: ids[1],
      name: gzName,
      unit: 'KiB',
      value: gz,
      runs: [gz],
      baselineName: 'raw',
      baseline: raw,
      ratio: gz / raw,
      note,
    },
  ];
}

function h5(): Figure[] {
  const root = path.join(dist, 'h5');
  const index = path.join(root, 'index.html');
  return rawAndGzip(
    ['6b', '6c'],
    'H5 first load: JS that index.html loads',
    () =>
      [...readFileSync(index, 'utf8').matchAll(/src="\/?([^"]+\.js)"/g)].map((m) => path.join(root, m[1] as string)),
    existsSync(index) ? null : 'no dist/h5/index.html',
    index,
  );
}

function rn(): Figure[] {
  const bundle = path.join(dist, 'rn', 'index.bundle');
  return rawAndGzip(
    ['6d', '6e'],
    'React Native JS bundle (android)',
    () => [bundle],
    existsSync(bundle) ? null : 'no dist/rn/index.bundle',
    bundle,
  );
}

export async function benchClient(ctx: BenchContext): Promise<Figure[]> {
  if (ctx.buildClient) buildClient('build', ctx.log);
  return [weapp(), ...h5(), ...rn()];
}
