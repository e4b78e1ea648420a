/**
 * How a file is cut for a multipart upload: `partBytes` pieces numbered from 1, the last one shorter
 * (uploads.ts, zMultipartPlan). Both protocols allow at most MULTIPART_PARTS_MAX parts.
 */
import { MULTIPART_PARTS_MAX } from '@xiaojia/shared';

export interface PartRange {
  partNumber: number;
  /** First byte of the part in the file. */
  start: number;
  /** Bytes in the part. */
  length: number;
}

/** A part the storage holds, as complete needs it. */
export interface FinishedPart {
  partNumber: number;
  etag: string;
}

/** The parts of a file of `size` bytes cut every `partBytes`; throws for a plan no storage would take. */
export function cutParts(size: number, partBytes: number): PartRange[] {
  if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`cannot cut a file of ${size} bytes`);
  if (!Number.isSafeInteger(partBytes) || partBytes <= 0) throw new RangeError(`invalid part size ${partBytes}`);
  const count = Math.ceil(size / partBytes);
  if (count > MULTIPART_PARTS_MAX) {
    throw new RangeError(`${count} parts of ${partBytes} bytes: more than the ${MULTIPART_PARTS_MAX} allowed`);
  }
  const parts: PartRange[] = [];
  for (let index = 0; index < count; index++) {
    const start = index * partBytes;
    parts.push({ partNumber: index + 1, start, length: Math.min(partBytes, size - start) });
  }
  return parts;
}
