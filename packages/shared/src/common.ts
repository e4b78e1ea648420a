import { z } from 'zod';

/** App ids are UUIDv7 strings. */
export const zId = z.uuid({ version: 'v7', message: 'Invalid id' });
export const zIsoTime = z.iso.datetime({ offset: true });

/** A batch of ids: bounded so one request cannot ask for unbounded work. */
export const MAX_BATCH = 500;
export const zIdBatch = z.object({ ids: z.array(zId).min(1).max(MAX_BATCH) });
export type IdBatch = z.infer<typeof zIdBatch>;

/** The answer of a mutation that has nothing to tell but that it was done. */
export const zOk = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof zOk>;

export const zCount = z.object({ count: z.number().int().nonnegative() });
export type Count = z.infer<typeof zCount>;

/**
 * The most calls one tRPC batch request may carry: the server refuses more (BATCH_TOO_LARGE) and the
 * client's batch link splits at this size, so one request cannot ask for unbounded work.
 */
export const MAX_BATCH_CALLS = 20;

/** Input of a keyset-paged list: an opaque cursor from the previous page and a bounded page size. */
export function zPageInput(maxLimit: number, defaultLimit: number) {
  return z
    .object({
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(maxLimit).default(defaultLimit),
    })
    .prefault({});
}

/** One page of a list: at most `maxItems` items, and the cursor of the next page (null on the last). */
export function zPage<T extends z.ZodType>(item: T, maxItems: number) {
  return z.object({ items: z.array(item).max(maxItems), nextCursor: z.string().nullable() });
}
