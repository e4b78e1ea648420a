/**
 * growth.*: the role matrix, another home's child and record ids, dates (malformed, before the birth,
 * in the future), measures (bounds, rounding, at least one kept), the per-child limit, the list's order,
 * and how a record binds the child's birthday.
 */
import { GROWTH_RECORDS_PER_CHILD_MAX } from '@xiaojia/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../integrations/ids.js';
import type { TestDeps } from '../test/deps.js';
import {
  addChild,
  appCodeOf,
  FAMILY_NOW,
  type Family,
  familyWithChild,
  insertRows,
  type TestChild,
} from '../test/family.js';

const NOW = FAMILY_NOW;

describe('growth', () => {
  let deps: TestDeps;
  let family: Family;
  let child: TestChild;
  beforeEach(async () => {
    ({ deps, family, child } = await familyWithChild());
  });

  it('owner and member add, correct and delete; a viewer sees; an outsider gets NOT_FOUND', async () => {
    const { mom, dad, grandma, stranger, homeId } = family;
    const later = await dad.caller.growth.add({
      homeId,
      childId: child.id,
      date: '2024-09-15',
      heightCm: 68.04,
      weightKg: 8.2,
    });
    expect(later).toMatchObject({
      childId: child.id,
      date: '2024-09-15',
      heightCm: 68.04,
      weightKg: 8.2,
      headCm: null,
    });
    const atBirth = await mom.caller.growth.add({
      homeId,
      childId: child.id,
      date: '2024-03-15',
      heightCm: 50.126,
      weightKg: 3.3,
      headCm: 34.5,
    });
    // Two decimals are kept, no more.
    expect(atBirth).toMatchObject({ heightCm: 50.13, weightKg: 3.3, headCm: 34.5 });
    expect((await grandma.caller.growth.list({ homeId, childId: child.id })).items.map((r) => r.id)).toEqual([
      atBirth.id,
      later.id,
    ]);

    const viewer = {
      add: () => grandma.caller.growth.add({ homeId, childId: child.id, date: '2024-10-01', weightKg: 9 }),
      update: () => grandma.caller.growth.update({ homeId, recordId: later.id, weightKg: 9 }),
      delete: () => grandma.caller.growth.delete({ homeId, recordId: later.id }),
    };
    for (const [name, call] of Object.entries(viewer))
      expect([name, await appCodeOf(call())]).toEqual([name, 'FORBIDDEN']);
    const outsider = {
      list: () => stranger.caller.growth.list({ homeId, childId: child.id }),
      add: () => stranger.caller.growth.add({ homeId, childId: child.id, date: '2024-10-01', weightKg: 9 }),
      update: () => stranger.caller.growth.update({ homeId, recordId: later.id, weightKg: 9 }),
      delete: () => stranger.caller.growth.delete({ homeId, recordId: later.id }),
    };
    for (const [name, call] of Object.entries(outsider))
      expect([name, await appCodeOf(call())]).toEqual([name, 'NOT_FOUND']);

    expect(await dad.caller.growth.update({ homeId, recordId: later.id, weightKg: null, headCm: 44 })).toMatchObject({
      heightCm: 68.04,
      weightKg: null,
      headCm: 44,
    });
    expect(await mom.caller.growth.update({ homeId, recordId: later.id, date: '2024-09-16' })).toMatchObject({
      date: '2024-09-16',
      heightCm: 68.04,
    });
    // The last measure cannot go: deleting the record is the way.
    expect(
      await appCodeOf(mom.caller.growth.update({ homeId, recordId: later.id, heightCm: null, headCm: null })),
    ).toBe('BAD_INPUT');
    expect(await dad.caller.growth.delete({ homeId, recordId: later.id })).toEqual({ count: 1 });
    expect(await appCodeOf(dad.caller.growth.delete({ homeId, recordId: later.id }))).toBe('NOT_FOUND');
    expect((await mom.caller.growth.list({ homeId, childId: child.id })).items).toHaveLength(1);
  });

  it('another home’s child and record ids answer NOT_FOUND from inside one’s own home', async () => {
    const { mom, stranger, homeId } = family;
    const record = await mom.caller.growth.add({ homeId, childId: child.id, date: '2024-09-15', weightKg: 8 });
    const own = stranger.homeId;
    const calls = {
      list: () => stranger.caller.growth.list({ homeId: own, childId: child.id }),
      add: () => stranger.caller.growth.add({ homeId: own, childId: child.id, date: '2024-10-01', weightKg: 9 }),
      update: () => stranger.caller.growth.update({ homeId: own, recordId: record.id, weightKg: 1 }),
      delete: () => stranger.caller.growth.delete({ homeId: own, recordId: record.id }),
      'unknown child': () => mom.caller.growth.list({ homeId, childId: newId() }),
    };
    for (const [name, call] of Object.entries(calls))
      expect([name, await appCodeOf(call())]).toEqual([name, 'NOT_FOUND']);
    expect((await mom.caller.growth.list({ homeId, childId: child.id })).items).toMatchObject([{ weightKg: 8 }]);
  });

  it('refuses malformed dates, days before the birth or after tomorrow, and implausible measures', async () => {
    const { dad, homeId } = family;
    const add = (input: Record<string, unknown>) =>
      appCodeOf(
        dad.caller.growth.add({ homeId, childId: child.id, date: '2024-09-15', weightKg: 8, ...input } as never),
      );
    for (const date of ['2023-02-29', '2024-13-01', '01/02/2024', '2024-09-15T08:00:00+08:00']) {
      expect([date, await add({ date })]).toEqual([date, 'BAD_INPUT']);
    }
    expect(await add({ date: '2024-03-14' })).toBe('GROWTH_BEFORE_BIRTH');
    expect(await add({ date: '2024-03-15' })).toBe('OK');
    expect(await add({ date: '2026-06-16' })).toBe('OK');
    expect(await add({ date: '2026-06-17' })).toBe('BAD_INPUT');
    for (const measure of [
      { heightCm: 29.9 },
      { heightCm: 200.1 },
      { weightKg: 0.2 },
      { weightKg: 151 },
      { headCm: 66 },
    ]) {
      expect([measure, await add(measure)]).toEqual([measure, 'BAD_INPUT']);
    }
    expect(await add({ weightKg: '8' })).toBe('BAD_INPUT');
    expect(await add({ weightKg: null })).toBe('BAD_INPUT');
    const [first] = (await dad.caller.growth.list({ homeId, childId: child.id })).items;
    const recordId = first?.id ?? '';
    expect(await appCodeOf(dad.caller.growth.update({ homeId, recordId, date: '2024-03-01' }))).toBe(
      'GROWTH_BEFORE_BIRTH',
    );
    expect(await appCodeOf(dad.caller.growth.update({ homeId, recordId, date: '2026-06-17' }))).toBe('BAD_INPUT');
    expect(await appCodeOf(dad.caller.growth.update({ homeId, recordId, heightCm: 999 }))).toBe('BAD_INPUT');
    // A due date ahead: nothing can be measured yet.
    const expected = await addChild(family.mom, '2026-10-01', homeId, '二宝');
    expect(
      await appCodeOf(dad.caller.growth.add({ homeId, childId: expected.id, date: '2026-06-15', weightKg: 1 })),
    ).toBe('GROWTH_BEFORE_BIRTH');
  });

  it('keeps the birthday before the first record, and goes with its child', async () => {
    const { mom, homeId } = family;
    await mom.caller.growth.add({ homeId, childId: child.id, date: '2024-03-20', weightKg: 3.4 });
    // Born five days earlier than thought: fine. Five days later than the first record: no.
    expect(await appCodeOf(mom.caller.children.update({ homeId, childId: child.id, birthday: '2024-03-10' }))).toBe(
      'OK',
    );
    expect(await appCodeOf(mom.caller.children.update({ homeId, childId: child.id, birthday: '2024-03-20' }))).toBe(
      'OK',
    );
    expect(await appCodeOf(mom.caller.children.update({ homeId, childId: child.id, birthday: '2024-03-21' }))).toBe(
      'GROWTH_BEFORE_BIRTH',
    );
    await mom.caller.children.delete({ homeId, childId: child.id });
    expect(await deps.db.selectFrom('growth_records').selectAll().execute()).toEqual([]);
  });

  it('answers a repeated add with the record it made, and makes another for any difference', async () => {
    const { mom, dad, homeId } = family;
    const input = { homeId, childId: child.id, date: '2024-09-15', heightCm: 68.04, weightKg: 8.2 };
    const first = await mom.caller.growth.add(input);
    expect(await dad.caller.growth.add(input)).toEqual(first);
    // 68.041 rounds to the same two decimals: the same measurement.
    expect(await dad.caller.growth.add({ ...input, heightCm: 68.041 })).toEqual(first);
    const others = [
      { ...input, date: '2024-09-16' },
      { ...input, weightKg: 8.3 },
      { ...input, headCm: 44 },
    ];
    for (const other of others) expect((await mom.caller.growth.add(other)).id).not.toBe(first.id);
    expect((await mom.caller.growth.list({ homeId, childId: child.id })).items).toHaveLength(4);
  });

  it(`stops at ${GROWTH_RECORDS_PER_CHILD_MAX} records per child, and lists them all`, async () => {
    const { mom, grandma, homeId } = family;
    const rows = Array.from({ length: GROWTH_RECORDS_PER_CHILD_MAX - 1 }, (_, i) => ({
      id: newId(),
      home_id: homeId,
      child_id: child.id,
      date: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`,
      height_cm: 70 + (i % 12),
      weight_kg: null,
      head_cm: null,
      created_by: mom.userId,
      created_at: NOW,
    }));
    await insertRows(deps.db, 'growth_records', rows);
    const add = (weightKg: number) =>
      appCodeOf(mom.caller.growth.add({ homeId, childId: child.id, date: '2026-01-01', weightKg }));
    expect(await add(11)).toBe('OK');
    expect(await add(11.1)).toBe('GROWTH_LIMIT_REACHED');
    // The last one sent again is still the same record, not one too many.
    expect(await add(11)).toBe('OK');
    const { items } = await grandma.caller.growth.list({ homeId, childId: child.id });
    expect(items).toHaveLength(GROWTH_RECORDS_PER_CHILD_MAX);
    const order = items.map((r) => `${r.date} ${r.id}`);
    expect(order).toEqual([...order].sort());
  });
});
