/**
 * Checks a built mini-program directory (dist/weapp) against what WeChat needs before it will upload or
 * run it: every page app.json names has its files, tab-bar pages are in the main package, no code
 * WeChat refuses (eval, the Function constructor; see dynamic-code.mjs), and each package within
 * WeChat's size limits. `checkWeapp(root)` returns the problems and a report; it never exits.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findDynamicCode } from './dynamic-code.mjs';
import { kib, walk } from './files.mjs';

const MiB = 1024 * 1024;
/**
 * WeChat's limits ("分包加载"): the main package and each subpackage at most 2 MB; all packages together
 * 20 MB for mini-programs developed by a service provider (30 MB otherwise): the lower figure holds for both.
 */
export const LIMITS = { mainPackage: 2 * MiB, subpackage: 2 * MiB, total: 20 * MiB };
/** Files of each page: logic, template and page config (the page's .wxss is optional). */
const PAGE_FILE_TYPES = ['.js', '.wxml', '.json'];
/** WeChat DevTools' own project files: they sit in the directory but are not part of the uploaded package. */
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

const toPosix = (file) => file.split(path.sep).join('/');
const trimSlashes = (root) => root.replace(/^\/+|\/+$/g, '');

/** The subpackages app.json declares (WeChat reads `subpackages` or `subPackages`), roots without slashes. */
export function subpackagesOf(app) {
  return (app.subpackages ?? app.subPackages ?? []).map((sub) => ({
    root: trimSlashes(sub.root),
    pages: sub.pages ?? [],
  }));
}

/** Every page app.json names, main package first, as paths relative to the output root. */
export function declaredPages(app) {
  const main = (app.pages ?? []).map((page) => ({ packageName: 'main package', page }));
  const sub = subpackagesOf(app).flatMap(({ root, pages }) =>
    pages.map((page) => ({ packageName: `subpackage ${root}`, page: `${root}/${page}` })),
  );
  return [...main, ...sub];
}

/** Problems with the pages: a page without one of its files, a tab-bar page outside the main package. */
export function pageProblems(root, app) {
  const missing = declaredPages(app).flatMap(({ packageName, page }) =>
    PAGE_FILE_TYPES.filter((type) => !existsSync(path.join(root, `${page}${type}`))).map(
      (type) => `${packageName}: page ${page} has no ${page}${type}`,
    ),
  );
  const mainPages = new Set(app.pages ?? []);
  const misplacedTabs = (app.tabBar?.list ?? [])
    .filter((tab) => !mainPages.has(tab.pagePath))
    .map((tab) => `tabBar: ${tab.pagePath} is not a main-package page (WeChat requires tab pages there)`);
  return [...missing, ...misplacedTabs];
}

/** Bytes of the main package, of each subpackage and of all of them, with their limits. */
export function packageSizes(root, app, limits = LIMITS) {
  const subpackages = subpackagesOf(app).map(({ root: subRoot }) => ({
    name: `subpackage ${subRoot}`,
    prefix: `${subRoot}/`,
    limit: limits.subpackage,
    bytes: 0,
    files: 0,
  }));
  const main = { name: 'main package', limit: limits.mainPackage, bytes: 0, files: 0 };
  for (const file of walk(root)) {
    const relative = toPosix(path.relative(root, file));
    if (NOT_UPLOADED.has(relative)) continue;
    // WeChat forbids nested subpackage roots, so a file belongs to at most one subpackage.
    const owner = subpackages.find((sub) => relative.startsWith(sub.prefix)) ?? main;
    owner.bytes += statSync(file).size;
    owner.files += 1;
  }
  const packages = [main, ...subpackages].map(({ name, limit, bytes, files }) => ({ name, limit, bytes, files }));
  const total = {
    name: 'total',
    limit: limits.total,
    bytes: packages.reduce((sum, p) => sum + p.bytes, 0),
    files: packages.reduce((sum, p) => sum + p.files, 0),
  };
  return [...packages, total];
}

/**
 * eval / Function-constructor uses in every .js file (`{ file, line, column, code, reason? }`), and the
 * files that do not parse (`{ file, message }`): those cannot be checked, so they count as problems.
 */
export function dynamicCodeUses(root) {
  const found = { unguarded: [], guarded: [], unparsable: [] };
  for (const file of walk(root).filter((f) => f.endsWith('.js'))) {
    const relative = toPosix(path.relative(root, file));
    try {
      const uses = findDynamicCode(readFileSync(file, 'utf8'));
      found.unguarded.push(...uses.unguarded.map((use) => ({ file: relative, ...use })));
      found.guarded.push(...uses.guarded.map((use) => ({ file: relative, ...use })));
    } catch (error) {
      found.unparsable.push({ file: relative, message: error.message });
    }
  }
  return found;
}

const where = (use) => `${use.file}:${use.line}:${use.column}`;

/** Runs every check on `root`: `{ problems: string[], report: string[] }` (an empty `problems` passes). */
export function checkWeapp(root, limits = LIMITS) {
  const appFile = path.join(root, 'app.json');
  if (!existsSync(appFile)) return { problems: [`no app.json in ${root}: is it a weapp build?`], report: [] };
  const app = JSON.parse(readFileSync(appFile, 'utf8'));
  const problems = pageProblems(root, app);
  const report = [];

  const pages = declaredPages(app);
  report.push(`weapp pages: ${pages.length} declared in app.json, ${subpackagesOf(app).length} subpackages`);

  for (const { name, limit, bytes, files } of packageSizes(root, app, limits)) {
    report.push(`weapp ${name}: ${kib(bytes)} in ${files} files (limit ${kib(limit)})`);
    if (bytes > limit)
      problems.push(`${name} is ${bytes} bytes (${kib(bytes)}), over WeChat's ${limit} (${kib(limit)})`);
  }

  const { unguarded, guarded, unparsable } = dynamicCodeUses(root);
  for (const { file, message } of unparsable)
    problems.push(`${file} does not parse, so it cannot be checked: ${message}`);
  for (const use of unguarded)
    problems.push(`${where(use)}: ${use.kind} in ${use.code} (WeChat refuses eval and new Function)`);
  report.push(`weapp eval / new Function: ${unguarded.length} refused, ${guarded.length} guarded`);
  for (const use of guarded) report.push(`  guarded ${where(use)} ${use.code.slice(0, 40)}: ${use.reason}`);

  return { problems, report };
}
