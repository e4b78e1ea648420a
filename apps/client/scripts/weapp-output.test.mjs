// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWeapp, LIMITS, packageSizes } from './weapp-output.mjs';

const roots = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes `files` ({ 'relative/path': contents }) into a fresh temporary directory and returns it. */
function outputTree(files) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'xiaojia-weapp-check-'));
  roots.push(root);
  for (const [relative, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), contents);
  }
  return root;
}

const pageFiles = (page, js = 'Page({});') => ({
  [`${page}.js`]: js,
  [`${page}.wxml`]: '<view/>',
  [`${page}.json`]: '{}',
});

/** A small build: two main pages (one a tab), one subpackage page. */
const app = {
  pages: ['pages/home/index', 'pages/me/index'],
  subpackages: [{ root: 'album/', pages: ['pages/view/index'] }],
  tabBar: { list: [{ pagePath: 'pages/home/index' }] },
};
const validBuild = () => ({
  'app.json': JSON.stringify(app),
  'app.js': 'App({});',
  ...pageFiles('pages/home/index'),
  ...pageFiles('pages/me/index'),
  ...pageFiles('album/pages/view/index'),
});

describe('checkWeapp', () => {
  it('passes a complete build and reports its pages and package sizes', () => {
    const { problems, report } = checkWeapp(outputTree(validBuild()));
    expect(problems).toEqual([]);
    expect(report).toContain('weapp pages: 3 declared in app.json, 1 subpackages');
    expect(report.some((line) => line.startsWith('weapp subpackage album: '))).toBe(true);
  });

  it('names every missing page file, in the main package and in subpackages', () => {
    const files = validBuild();
    delete files['pages/me/index.wxml'];
    delete files['album/pages/view/index.js'];
    delete files['album/pages/view/index.json'];
    expect(checkWeapp(outputTree(files)).problems).toEqual([
      'main package: page pages/me/index has no pages/me/index.wxml',
      'subpackage album: page album/pages/view/index has no album/pages/view/index.js',
      'subpackage album: page album/pages/view/index has no album/pages/view/index.json',
    ]);
  });

  it('reads subPackages as WeChat does, and wants tab pages in the main package', () => {
    const camel = {
      pages: ['pages/home/index'],
      subPackages: [{ root: 'album', pages: ['pages/view/index'] }],
      tabBar: { list: [{ pagePath: 'pages/home/index' }, { pagePath: 'album/pages/view/index' }] },
    };
    const files = { ...validBuild(), 'app.json': JSON.stringify(camel) };
    expect(checkWeapp(outputTree(files)).problems).toEqual([
      'tabBar: album/pages/view/index is not a main-package page (WeChat requires tab pages there)',
    ]);
  });

  it('refuses eval and new Function in the output, with where they are', () => {
    const files = {
      ...validBuild(),
      ...pageFiles('pages/me/index', 'Page({});\nconst run = () => eval(code);'),
      'vendors.js': "module.exports = new Function('a', 'return a');",
    };
    expect(checkWeapp(outputTree(files)).problems).toEqual([
      'pages/me/index.js:2:19: eval in eval(code) (WeChat refuses eval and new Function)',
      "vendors.js:1:18: Function in new Function('a', 'return a') (WeChat refuses eval and new Function)",
    ]);
  });

  it('reports guarded probes without failing', () => {
    const probe = "try { g = this || new Function('return this')(); } catch (e) {}";
    const { problems, report } = checkWeapp(outputTree({ ...validBuild(), 'runtime.js': probe }));
    expect(problems).toEqual([]);
    expect(report).toContain('weapp eval / new Function: 0 refused, 1 guarded');
  });

  it('fails on a script that does not parse, since it cannot be checked', () => {
    const { problems } = checkWeapp(outputTree({ ...validBuild(), 'broken.js': 'const = 1;' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^broken\.js does not parse, so it cannot be checked: /);
  });

  it('fails without app.json', () => {
    const root = outputTree({ 'app.js': 'App({});' });
    expect(checkWeapp(root).problems).toEqual([`no app.json in ${root}: is it a weapp build?`]);
  });
});

describe('package sizes', () => {
  it("holds WeChat's limits: 2 MiB per package, 20 MiB in all", () => {
    expect(LIMITS).toEqual({ mainPackage: 2 * 1024 * 1024, subpackage: 2 * 1024 * 1024, total: 20 * 1024 * 1024 });
  });

  it('counts files under a subpackage root to it, the rest to the main package, and not project files', () => {
    const root = outputTree({
      'app.js': 'x'.repeat(100),
      'project.config.json': 'x'.repeat(5000),
      'album/pages/view/index.js': 'x'.repeat(30),
      'albums/other.js': 'x'.repeat(7), // a sibling of the root's name, not inside it
    });
    expect(packageSizes(root, app)).toEqual([
      { name: 'main package', limit: LIMITS.mainPackage, bytes: 107, files: 2 },
      { name: 'subpackage album', limit: LIMITS.subpackage, bytes: 30, files: 1 },
      { name: 'total', limit: LIMITS.total, bytes: 137, files: 3 },
    ]);
  });

  it('fails each package over its limit and all of them over the total, and passes at the limits', () => {
    const limits = { mainPackage: 2048, subpackage: 1024, total: 4096 };
    const appJson = JSON.stringify({ pages: [], subpackages: [{ root: 'album', pages: [] }] });
    /** A build whose main package weighs `mainBytes` (app.json included) and subpackage `subBytes`. */
    const problems = (mainBytes, subBytes, total = limits.total) =>
      checkWeapp(
        outputTree({
          'app.json': appJson,
          'filler.bin': 'x'.repeat(mainBytes - appJson.length),
          'album/filler.bin': 'x'.repeat(subBytes),
        }),
        { ...limits, total },
      ).problems;

    expect(problems(2048, 1024)).toEqual([]);
    expect(problems(2049, 1025)).toEqual([
      "main package is 2049 bytes (2.0 KiB), over WeChat's 2048 (2.0 KiB)",
      "subpackage album is 1025 bytes (1.0 KiB), over WeChat's 1024 (1.0 KiB)",
    ]);
    expect(problems(2048, 1024, 3071)).toEqual(["total is 3072 bytes (3.0 KiB), over WeChat's 3071 (3.0 KiB)"]);
  });
});
