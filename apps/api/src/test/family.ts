/** Family-life tests: the code a call answers with, and a child made through the real router. */
import type { Insertable } from 'kysely';
import { ZodError } from 'zod';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import { createTestDeps } from './deps.js';
import { makeFamily, type TestAccount } from './homes.js';

/**
 * 'OK', or the app's error code the client sees (`error.data.appCode`): the AppError's code, BAD_INPUT
 * for input the schema refused, else tRPC's code.
 */
export async function appCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof AppError) return cause.code;
    if (cause instanceof ZodError) return 'BAD_INPUT';
    return (error as { code?: string }).code ?? String(error);
  }
}

/** A child of `account`'s home (or `homeId`), born on `birthday`. */
export async function addChild(account: TestAccount, birthday = '2024-03-15', homeId = account.homeId, name = '小米') {
  return account.caller.children.create({ homeId, name, birthday });
}

/** Rows straight into a family table, in batches (SQLite caps a statement's parameters): limits tests. */
export async function insertRows<T extends 'milestones' | 'growth_records'>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 100) as Insertable<Database[T]>[])
      .execute();
  }
}

/** The clock most family tests stand at: 15 June 2026, mid-morning UTC. */
export const FAMILY_NOW = '2026-06-15T10:00:00.000Z';

/** A fresh app at `now` with 妈妈's family in it (makeFamily): owner, member, viewer and a stranger. */
export async function familyAt(now = FAMILY_NOW) {
  const deps = await createTestDeps();
  deps.clock.set(now);
  return { deps, family: await makeFamily(deps) };
}

export type Family = Awaited<ReturnType<typeof makeFamily>>;
export type TestChild = Awaited<ReturnType<typeof addChild>>;

/** familyAt, with a child 妈妈 added, born on 15 March 2024. */
export async function familyWithChild(now = FAMILY_NOW) {
  const { deps, family } = await familyAt(now);
  return { deps, family, child: await addChild(family.mom, '2024-03-15') };
}
