// @vitest-environment node
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemeStyleSheet, setColorScheme } from '../src/styles/color-scheme';
import { paletteTransforms, styleModule } from './rn-transformer';
import { themePalettes } from './theme-palettes';

const projectConfig = { designWidth: 750, deviceRatio: { 750: 1 }, rn: { postcss: { cssModules: { enable: false } } } };
const sheetFile = path.join(__dirname, '..', 'src', 'components', 'Example', 'index.css');

/** Runs a generated stylesheet module with React Native's parts replaced by plain functions. */
function evaluate(code) {
  const body = code.replace(/^import .*$/gm, '').replace('export default', 'return');
  const run = new Function('StyleSheet', 'scalePx2dp', 'scaleVu2dp', 'schemeStyleSheet', body);
  return run(
    { create: (sheet) => sheet },
    (px) => px,
    (vu) => vu,
    schemeStyleSheet,
  );
}

describe('themePalettes', () => {
  it("reads theme.css: dark is light with the media query's overrides", () => {
    const { light, dark } = themePalettes();
    expect(light['--xj-bg']).toBe('#fffaf3');
    expect(dark['--xj-bg']).toBe('#17130f');
    // Not overridden in the dark block: the same in both.
    expect(dark['--xj-viewer-bg']).toBe(light['--xj-viewer-bg']);
    expect(Object.keys(dark).sort()).toEqual(Object.keys(light).sort());
  });

  it('refuses a theme without a dark block or without colours', () => {
    expect(() => themePalettes(':root { --xj-bg: #fff; }')).toThrow(/prefers-color-scheme: dark/);
    expect(() => themePalettes(':root {} @media (prefers-color-scheme: dark) { :root { --xj-bg: #000; } }')).toThrow(
      /no --xj-\* colours/,
    );
  });
});

describe('the RN stylesheet transform', () => {
  const transforms = paletteTransforms(projectConfig, themePalettes());
  const options = { platform: 'android' };

  it('compiles a sheet with colour variables in both palettes, read by the current scheme', async () => {
    const css = '.card { background-color: var(--xj-surface); padding: 10px; }\n.title { color: var(--xj-text); }';
    const code = await styleModule(css, sheetFile, options, transforms);
    expect(code).toContain("import { schemeStyleSheet } from '../../styles/color-scheme'");
    const sheet = evaluate(code);
    try {
      expect(sheet.card).toMatchObject({ backgroundColor: '#ffffff', paddingTop: 5 });
      expect(sheet.title).toEqual({ color: '#2b2118' });
      setColorScheme('dark');
      expect(sheet.card).toMatchObject({ backgroundColor: '#231d18', paddingTop: 5 });
      expect(sheet.title).toEqual({ color: '#f2e9df' });
    } finally {
      setColorScheme('light');
    }
  });

  it("leaves a sheet without colour variables as Taro's plain one", async () => {
    const code = await styleModule('.row { display: flex; flex-direction: row; }', sheetFile, options, transforms);
    expect(code).not.toContain('schemeStyleSheet');
    expect(evaluate(code)).toEqual({ row: { display: 'flex', flexDirection: 'row' } });
  });
});
