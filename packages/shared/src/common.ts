import { z } from 'zod';

/** App ids are UUIDv7 strings. */
export const zId = z.uuid({ version: 'v7', message: 'Invalid id' });
export const zIsoTime = z.iso.datetime({ offset: true });

/** A batch of ids: bounded so one request cannot ask for unbounded work. */
export const MAX_BATCH = 500;
export const zIdBatch = z.object({ ids: z.array(zId).min(1).max(MAX_BATCH) });
export type IdBatch = z.infer<typeof zIdBatch>;

export const zCount = z.object({ count: z.number().int().nonnegative() });
export type Count = z.infer<typeof zCount>;
