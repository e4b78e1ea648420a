import { describe, expect, it } from 'vitest';
import { appRouter } from '../../api/src/trpc/router';
import { OUTPUTS, type ProcedurePath } from './support/api-outputs';

describe("the scripted server's output schemas", () => {
  it("are the router's own: the same procedures, each with the schema its .output() declares", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    expect(Object.keys(OUTPUTS).sort()).toEqual(Object.keys(procedures).sort());
    const differing = Object.entries(procedures)
      // photos.list answers without a runtime check (the API's photos.test.ts holds it to zPhotoPage).
      .filter(([path, procedure]) => path !== 'photos.list' && procedure._def.output !== OUTPUTS[path as ProcedurePath])
      .map(([path]) => path);
    expect(differing).toEqual([]);
  });
});
