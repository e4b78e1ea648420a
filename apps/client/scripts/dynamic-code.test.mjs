// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findDynamicCode } from './dynamic-code.mjs';

const kinds = (uses) => uses.map((use) => `${use.kind}: ${use.code}`);

describe('findDynamicCode', () => {
  it('ignores the words in strings, comments, property names and plain reads', () => {
    const source = `
      // new Function('a') and eval(x) in a comment
      /* eval("1") */
      const text = "eval(x) new Function('y')";
      const template = \`new Function(\${text})\`;
      obj.eval(1); obj.Function('x'); new obj.Function('x');
      const shape = { eval: 1, Function: 2 };
      class Runner { eval() {} Function() {} }
      const isFunction = value instanceof Function;
      const call = Function.prototype.call;
    `;
    expect(findDynamicCode(source)).toEqual({ unguarded: [], guarded: [] });
  });

  it('reports every reference to the global eval, direct, indirect or aliased', () => {
    const source = 'eval("1");\n(0, eval)("2");\nconst run = eval;\n';
    const { unguarded } = findDynamicCode(source);
    expect(kinds(unguarded)).toEqual(['eval: eval("1")', 'eval: eval', 'eval: eval']);
    expect(unguarded.map((use) => [use.line, use.column])).toEqual([
      [1, 1],
      [2, 5],
      [3, 13],
    ]);
  });

  it('reports calls of the Function constructor, with or without new, and through an alias', () => {
    const source = `
      new Function('a', 'return a');
      Function('return 1')();
      const F = Function;
      new F('b');
      F('c');
    `;
    expect(kinds(findDynamicCode(source).unguarded)).toEqual([
      "Function: new Function('a', 'return a')",
      "Function: Function('return 1')",
      "Function: new F('b')",
      "Function: F('c')",
    ]);
  });

  it('leaves local variables named eval or Function alone', () => {
    const source = `
      function withParameter(Function) { return new Function(1); }
      function withVariable() { var eval = (s) => s; return eval('x'); }
    `;
    expect(findDynamicCode(source)).toEqual({ unguarded: [], guarded: [] });
  });

  it("accepts webpack's and zod's probes inside try/catch, and only those", () => {
    const webpackGlobal = `g = function () {
      if (typeof globalThis === 'object') return globalThis;
      try { return this || new Function('return this')(); } catch (e) { return window; }
    };`;
    const zodProbe = 'try { const F = Function; new F(""); ok = true; } catch (e) { ok = false; }';
    expect(findDynamicCode(webpackGlobal).guarded).toHaveLength(1);
    expect(findDynamicCode(zodProbe).guarded).toHaveLength(1);
    expect(findDynamicCode(`${webpackGlobal}\n${zodProbe}`).unguarded).toEqual([]);
  });

  it('refuses probe-like calls outside a try, with code in them, or deferred into a function', () => {
    const sources = [
      "new Function('return this')();",
      "try { new Function('doThings()')(); } catch (e) {}",
      "try { new Function('return this', 'x')(); } catch (e) {}",
      "try { later = () => new Function('return this')(); } catch (e) {}",
      "try { new Function('return this')(); } finally {}",
    ];
    for (const source of sources) {
      expect({ source, ...findDynamicCode(source) }).toMatchObject({ source, guarded: [] });
      expect(findDynamicCode(source).unguarded).toHaveLength(1);
    }
  });

  it("accepts zod's JIT compile method, not a compile method of another class", () => {
    const zodDoc = `class Doc {
      indented(fn) {} write(line) {}
      compile() { const F = Function; return new F(...this.args, this.content.join('\\n')); }
    }`;
    const other = 'class Query { compile() { return new Function(this.source); } }';
    const [jit] = findDynamicCode(zodDoc).guarded;
    expect(jit.reason).toMatch(/zod's JIT/);
    expect(findDynamicCode(other).unguarded).toHaveLength(1);
  });

  it('throws on a source that does not parse', () => {
    expect(() => findDynamicCode('const = 1;')).toThrow();
  });
});
