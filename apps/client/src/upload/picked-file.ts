/**
 * A file picked on the device, as the upload queue carries it, and why one cannot go (the picker and the
 * queue's `prepare` say so with FileRejected; the queue lists the file with its reason).
 */

/** Why a picked file cannot be uploaded. */
export type RejectReason = 'empty' | 'unreadable' | 'tooLarge' | 'unsupported';

export interface Rejection {
  reason: RejectReason;
  /** tooLarge: the largest size allowed. */
  maxBytes?: number;
}

/** Thrown by `prepare` for a file that cannot go; the queue lists it with the reason. */
export class FileRejected extends Error {
  override name = 'FileRejected';
  constructor(
    readonly reason: RejectReason,
    readonly maxBytes?: number,
  ) {
    super(`file rejected: ${reason}`);
  }
}

/** What `prepare` failing means for the file: the FileRejected's reason, or unreadable for anything else. */
export function rejectionOf(error: unknown): Rejection {
  return error instanceof FileRejected
    ? { reason: error.reason, ...(error.maxBytes ? { maxBytes: error.maxBytes } : {}) }
    : { reason: 'unreadable' };
}

/** A photo picked on the device. */
export interface PickedFile {
  /** Platform path: a wxfile:// temp path, a blob: URL on H5, a file:// URI on RN. */
  path: string;
  name: string;
  size: number;
  /** An accepted photo or video type; empty for a file rejected as unsupported. */
  mime: string;
  width?: number;
  height?: number;
  takenAt?: string;
  /** Qiniu's content hash, computed on the device: the server answers "duplicate" for what the home has. */
  qetag?: string;
  /** ThumbHash (base64) of the photo, made on the device: the grid's placeholder until the thumbnail loads. */
  thumbhash?: string;
  /** A video's length (ms) as the device read it; sent with uploads.confirm. */
  durationMs?: number;
  /** A video's poster frame on the device (WeChat's thumbTempFilePath, a browser frame): the upload list's picture. */
  posterPath?: string;
  /** Already known not to go when picked (read nothing). */
  rejected?: Rejection;
  /** The platform's handle for reading the bytes (the picker's temp file); opaque to the queue. */
  source?: unknown;
}
