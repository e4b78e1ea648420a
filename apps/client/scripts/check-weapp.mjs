/**
 * Part of `build:weapp`: checks dist/weapp (pages, eval / new Function, WeChat's package size limits; see
 * weapp-output.mjs), prints its sizes, and exits 1 naming every problem so such a build cannot land.
 *   node scripts/check-weapp.mjs [dir]   (default: dist/weapp)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkWeapp } from './weapp-output.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(process.argv[2] ?? path.join(appDir, 'dist', 'weapp'));

const { problems, report } = checkWeapp(root);
for (const line of report) console.log(line);
if (problems.length > 0) {
  console.error(`check-weapp: FAILED: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${root}`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('check-weapp: ok');
