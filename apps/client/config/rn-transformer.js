// Metro's transformer for the React Native build (metro.config.js): Taro's, except for stylesheets.
//
// React Native has no CSS variables and no prefers-color-scheme, so Taro's own style transform can only bake
// one palette into the app. Here each stylesheet is compiled twice, resolving var() against theme.css's light
// and then its dark palette, into a module whose class names give the entry of the scheme in use when read
// (schemeStyleSheet in src/styles/color-scheme.ts). A sheet without colour variables stays Taro's plain one.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { THEME_CSS, themePalettes } = require('./theme-palettes');

const taroTransformerPath = require.resolve('@tarojs/rn-supporter/dist/taroTransformer');
const taroTransformer = require(taroTransformerPath);
const { getProjectConfig } = require('@tarojs/rn-supporter/dist/utils');
// Taro's own dependencies, at the versions it was built with.
const fromTaro = createRequire(taroTransformerPath);
const StyleTransform = fromTaro('@tarojs/rn-style-transformer/dist/transforms').default;
const babelTransformer = fromTaro('@react-native/metro-babel-transformer');

const STYLE_FILE = /\.(css|scss|sass|less|styl|stylus|pcss)$/;
const SCHEME_MODULE = path.join(__dirname, '..', 'src', 'styles', 'color-scheme');
const SHEET_EXPORT = 'export default StyleSheet.create(';

/** A Taro style transform per palette: the project's RN postcss settings, with that palette's colours. */
function paletteTransforms(projectConfig, palettes) {
  const withVariables = (variables) => {
    const rn = projectConfig.rn ?? {};
    const postcss = {
      ...rn.postcss,
      'postcss-css-variables': { enable: true, config: { variables, preserve: false } },
    };
    return new StyleTransform({ ...projectConfig, rn: { ...rn, postcss } });
  };
  return { light: withVariables(palettes.light), dark: withVariables(palettes.dark) };
}

/** Taro's module ends `export default StyleSheet.create({...})`: its imports, and that object's source. */
function splitSheetModule(code, filename) {
  const at = code.lastIndexOf(SHEET_EXPORT);
  const end = code.lastIndexOf(')');
  if (at < 0 || end < at)
    throw new Error(`rn-transformer: unexpected output of Taro's style transform for ${filename}`);
  return { head: code.slice(0, at), sheet: code.slice(at + SHEET_EXPORT.length, end) };
}

function importPath(fromFile, toModule) {
  const relative = path.relative(path.dirname(fromFile), toModule).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** The JavaScript module of one stylesheet: both palettes where they differ, Taro's plain sheet otherwise. */
async function styleModule(src, filename, options, transforms) {
  const light = await transforms.light.transform(src, filename, options);
  const dark = await transforms.dark.transform(src, filename, options);
  if (light === dark) return light;
  const lightSheet = splitSheetModule(light, filename);
  const darkSheet = splitSheetModule(dark, filename);
  return [
    `import { schemeStyleSheet } from '${importPath(filename, SCHEME_MODULE)}'`,
    lightSheet.head,
    `export default schemeStyleSheet(StyleSheet.create(${lightSheet.sheet}), StyleSheet.create(${darkSheet.sheet}))`,
    '',
  ].join('\n');
}

let transforms = null;

async function transform({ src, filename, options }) {
  if (!STYLE_FILE.test(filename)) return taroTransformer.transform({ src, filename, options });
  transforms ??= paletteTransforms(await getProjectConfig(), themePalettes());
  const code = await styleModule(src, filename, options, transforms);
  return babelTransformer.transform({ src: code, filename, options });
}

/** Metro's cache must forget compiled sheets when the palettes or this transform change. */
function getCacheKey() {
  const hash = createHash('sha1');
  for (const file of [__filename, require.resolve('./theme-palettes'), THEME_CSS]) hash.update(readFileSync(file));
  return `${babelTransformer.getCacheKey()}$${hash.digest('hex')}`;
}

module.exports = { transform, getCacheKey, styleModule, paletteTransforms };
