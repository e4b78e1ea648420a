// @vitest-environment node
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToBytecode, findHermesc } from './hermes.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'xiaojia-hermes-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name, source) {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe('compileToBytecode', () => {
  it("uses the hermesc inside the client's react-native package", () => {
    expect(findHermesc()).toMatch(/[\\/]react-native[\\/]sdks[\\/]hermesc[\\/]/);
  });

  it('compiles a script Hermes accepts and reports its bytecode size, keeping no .hbc', () => {
    const source = script('ok.js', 'var total = [1, 2].reduce((a, b) => a + b, 0);\n');
    const result = compileToBytecode(source, { scratchDir: dir });
    expect(result).toEqual({ ok: true, bytes: expect.any(Number) });
    expect(result.bytes).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['ok.js']);
  });

  it("fails with hermesc's error, naming the line, for a script Hermes rejects", () => {
    const result = compileToBytecode(script('bad.js', 'var fine = 1;\nvar broken = ;\n'));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/bad\.js:2:\d+: error: /);
  });

  it('fails clearly when there is no compiler', () => {
    expect(compileToBytecode(script('any.js', '1;\n'), { hermesc: null })).toEqual({
      ok: false,
      message: expect.stringMatching(/^react-native ships no hermesc for /),
    });
  });
});
