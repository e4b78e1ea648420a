import { describe, expect, it } from 'vitest';
import { appRouter } from '../../api/src/trpc/router';
import { OUTPUTS, type ProcedurePath } from './support/api-outputs';

/**
 * photos.list answers without a runtime check (the API's photos.test.ts holds it to zPhotoPage). The part
 * procedures' contract stubs declare their { ok: true } inline rather than as zAuthOk: held to the same
 * answers below instead of the same object.
 */
const SAME_SHAPE = new Set(['photos.list', 'uploads.completeParts', 'uploads.abortParts']);

describe("the scripted server's output schemas", () => {
  it('hold the part procedures to the answers their stubs declare', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    for (const path of ['uploads.completeParts', 'uploads.abortParts'] as const) {
      const declared = procedures[path]?._def.output as { safeParse(v: unknown): { success: boolean } };
      for (const answer of [{ ok: true }, { ok: false }, {}]) {
        expect(declared.safeParse(answer).success).toBe(OUTPUTS[path].safeParse(answer).success);
      }
    }
  });

  it("are the router's own: the same procedures, each with the schema its .output() declares", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    expect(Object.keys(OUTPUTS).sort()).toEqual(Object.keys(procedures).sort());
    const differing = Object.entries(procedures)
      .filter(([path, procedure]) => !SAME_SHAPE.has(path) && procedure._def.output !== OUTPUTS[path as ProcedurePath])
      .map(([path]) => path);
    expect(differing).toEqual([]);
  });
});
