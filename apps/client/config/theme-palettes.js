// The colour palettes of src/styles/theme.css as plain objects ({ '--xj-bg': '#fffaf3', ... }) for the React
// Native build, which has no CSS variables: theme.css stays the one place the colours are written.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const THEME_CSS = path.join(__dirname, '..', 'src', 'styles', 'theme.css');
const DARK_QUERY = '@media (prefers-color-scheme: dark)';

function readVariables(block) {
  const variables = {};
  for (const [, name, value] of block.matchAll(/(--xj-[\w-]+)\s*:\s*([^;]+);/g)) variables[name] = value.trim();
  return variables;
}

/** `{ light, dark }`; dark is light with the media query's overrides, as in a browser. */
function themePalettes(css = readFileSync(THEME_CSS, 'utf8')) {
  const darkAt = css.indexOf(DARK_QUERY);
  if (darkAt < 0) throw new Error(`theme.css: no "${DARK_QUERY}" block`);
  const light = readVariables(css.slice(0, darkAt));
  const overrides = readVariables(css.slice(darkAt));
  if (Object.keys(light).length === 0 || Object.keys(overrides).length === 0) {
    throw new Error('theme.css: no --xj-* colours found in its light or dark block');
  }
  return { light, dark: { ...light, ...overrides } };
}

module.exports = { THEME_CSS, themePalettes };
