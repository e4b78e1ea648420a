/**
 * What can go wrong in a multipart upload, sorted by what the uploader does about it: a transfer error
 * that may pass (the network, 5xx, 429) is retried with backoff; one that will not (other 4xx) fails the
 * file at once; an upload the storage no longer has, or whose token expired, starts over with a new ticket.
 */

/** A part request answered by storage (status ≥ 100) or never answered (status 0: the network). */
export class PartTransferError extends Error {
  override name = 'PartTransferError';
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(
      status === 0 ? `Network request failed: ${detail}` : `storage answered ${status}${detail ? `: ${detail}` : ''}`,
    );
  }

  /** Never answered: the network (lib/network-error.ts reads this flag). */
  get networkFailure(): boolean {
    return this.status === 0;
  }

  /** Worth trying again: never answered, a server error, or told to slow down. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

/** Why a multipart upload cannot go on as it is. */
export type MultipartFailureReason =
  /** The upload token (or the part URLs' grant) expired: a new ticket is needed. */
  | 'expired'
  /** The storage no longer has the upload (aborted, completed, or swept after its expiry). */
  | 'gone'
  /** A part kept failing after every retry. */
  | 'exhausted'
  /** Storage refused a request for good (a 4xx other than expiry). */
  | 'refused'
  /** The storage's answer lacks what the protocol needs (e.g. an S3 ETag hidden by CORS). */
  | 'protocol';

export class MultipartFailure extends Error {
  override name = 'MultipartFailure';
  constructor(
    readonly reason: MultipartFailureReason,
    override readonly cause?: unknown,
  ) {
    super(`multipart upload stopped (${reason})${cause instanceof Error ? `: ${cause.message}` : ''}`);
  }

  /** Starting again from a fresh ticket may succeed. */
  get restartable(): boolean {
    return this.reason === 'expired' || this.reason === 'gone';
  }
}
