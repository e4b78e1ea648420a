/**
 * Finds code that WeChat's mini-program runtime refuses to run: `eval` and the `Function` constructor.
 *
 * A text search cannot tell `new Function(` in a string, a comment or a property (`obj.eval(…)`,
 * `{ eval: 1 }`) from a real call, so the source is parsed (Babel's parser, no transforms) and only
 * references to the *global* names count, resolved through scopes (a local variable or parameter named
 * `eval` or `Function` is not the global):
 *   - `eval`: any reference to it (`eval(s)`, `(0, eval)(s)`, `const e = eval`): it is only ever there to
 *     run a string;
 *   - `Function`: calling it, with or without `new`, directly or through a local alias as minified
 *     libraries write it (`const F = Function; new F(…)`). `x instanceof Function` and `Function.prototype`
 *     only read it and are not reported.
 * Not followed: reaching them through objects (`window.eval`, `(() => {}).constructor`).
 *
 * Each use is then matched against GUARDED_USES: uses that are in the output but cannot run code from
 * data in WeChat. Those are returned as `guarded` (with the reason), the rest as `unguarded`.
 */
import { parseSync, traverse } from '@babel/core';

/** Bodies that only test whether `Function` works or find the global object: nothing of the app runs. */
const PROBE_BODIES = new Set(['', 'return this']);

/** Uses that may stay in the output, each with why it is harmless in the mini-program. */
export const GUARDED_USES = [
  {
    reason: 'a capability probe inside try/catch (webpack\'s global-object lookup, zod\'s "can eval?" test)',
    matches: (call) => isProbe(call.node.arguments) && insideTryBlock(call),
  },
  {
    reason: "zod's JIT (Doc.compile), never run: src/setup/zod.ts makes zod jitless, as its test checks",
    matches: (call) => isMethodOfClassWith(call, 'compile', ['indented', 'write']),
  },
];

const isProbe = (args) =>
  args.length <= 1 && args.every((arg) => arg.type === 'StringLiteral' && PROBE_BODIES.has(arg.value));

/** True when `path` runs inside a try block that has a catch, without crossing into another function. */
function insideTryBlock(path) {
  for (let at = path; at.parentPath; at = at.parentPath) {
    if (at.isFunction()) return false;
    if (at.key === 'block' && at.parentPath.isTryStatement() && at.parentPath.node.handler) return true;
  }
  return false;
}

/** True when `path` is in method `name` of a class that also has every method in `siblings`. */
function isMethodOfClassWith(path, name, siblings) {
  const method = path.getFunctionParent();
  if (!method?.isClassMethod() || method.node.key.name !== name) return false;
  const methodNames = new Set(method.parentPath.node.body.map((member) => member.key?.name));
  return siblings.every((sibling) => methodNames.has(sibling));
}

const isGlobal = (path) => !path.scope.getBinding(path.node.name);

/** The calls made through `identifier` when it is the callee (`f(…)`, `new f(…)`). */
function asCallee(identifier) {
  const { parentPath } = identifier;
  const isCall = parentPath.isCallExpression() || parentPath.isNewExpression();
  return isCall && identifier.key === 'callee' ? [parentPath] : [];
}

/** `Function(…)` / `new Function(…)` calls through this reference of the global, or through its alias. */
function functionConstructorCalls(reference) {
  const { parentPath } = reference;
  if (parentPath.isVariableDeclarator() && reference.key === 'init' && parentPath.node.id.type === 'Identifier') {
    const alias = parentPath.scope.getBinding(parentPath.node.id.name);
    return (alias?.referencePaths ?? []).flatMap(asCallee);
  }
  return asCallee(reference);
}

/**
 * Every use of `eval` or the Function constructor in `source` (a script or module), split into
 * `unguarded` and `guarded`: `{ kind, line, column, code, reason? }` with 1-based lines and columns.
 * Throws when the source does not parse.
 */
export function findDynamicCode(source) {
  const ast = parseSync(source, { configFile: false, babelrc: false, sourceType: 'unambiguous' });
  const uses = [];
  const describe = (path, kind) => {
    const { start, end } = path.node;
    const code = source.slice(start, Math.min(end, start + 80));
    const guard = kind === 'Function' ? GUARDED_USES.find((use) => use.matches(path)) : undefined;
    const { line, column } = path.node.loc.start;
    uses.push({ kind, line, column: column + 1, code, reason: guard?.reason });
  };
  traverse(ast, {
    ReferencedIdentifier(path) {
      const { name } = path.node;
      if ((name !== 'eval' && name !== 'Function') || !isGlobal(path)) return;
      if (name === 'eval') describe(asCallee(path)[0] ?? path, 'eval');
      else for (const call of functionConstructorCalls(path)) describe(call, 'Function');
    },
  });
  return {
    unguarded: uses.filter((use) => !use.reason),
    guarded: uses.filter((use) => use.reason),
  };
}
