/**
 * One HTTP byte range (RFC 9110 §14): what the embedded store serves and what the API's download path
 * forwards to a bucket, so a video player can seek without fetching the whole file.
 */
export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * One `bytes=` range of an object of `size` bytes. null means "send the whole thing" (no header, a
 * malformed one, several ranges, or an end before the start: a server may ignore those); 'unsatisfiable'
 * is a range that starts at or past the end (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, from, to] = m as unknown as [string, string, string];
  if (from === '' && to === '') return null;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
    if (to !== '' && Number(to) < start) return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
