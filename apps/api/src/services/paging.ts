/**
 * Keyset pages for lists other than photos (albums, devices), with the same opaque cursor as photos.list:
 * the repository fetches one row more than the page so we know whether a next page exists.
 */
import type { Keyset } from '../repositories/photos.js';
import { decodeCursor, encodeCursor } from './photos.js';

/** The position a cursor from a previous page points after, if any (a bad cursor is BAD_INPUT). */
export function cursorPosition(cursor: string | undefined): Keyset | undefined {
  return cursor ? decodeCursor(cursor) : undefined;
}

/** Cuts `limit + 1` fetched rows to one page and says where the next page starts (null on the last). */
export function toPage<R>(
  rows: readonly R[],
  limit: number,
  positionOf: (row: R) => Keyset,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
