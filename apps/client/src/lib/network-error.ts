/**
 * A request that never got an answer (no network, DNS, refused, timed out), told apart from any failure
 * whose message merely mentions one ("upload failed" is not Safari's "Load failed"). Recognised by type:
 *  - NetworkFailure, which this app's own transports throw (Taro.request / uploadFile `fail`, XHR `onerror`);
 *  - errors that say so by a `networkFailure` flag (a multipart part never answered: PartTransferError, status 0);
 *  - the TypeError a platform's fetch rejects with, by its exact message, the one thing that tells it from
 *    other TypeErrors: Chrome "Failed to fetch", Safari "Load failed", Firefox "NetworkError when attempting
 *    to fetch resource.", React Native and Taro "Network request failed", Node "fetch failed".
 * The API client wraps these (TRPCClientError keeps the original as `cause`): the causes are followed.
 */

export class NetworkFailure extends TypeError {
  override name = 'NetworkFailure';
  readonly networkFailure = true;
  constructor(detail?: string) {
    // The Fetch API's wording, so logs and messages read the same on every platform.
    super(detail ? `Network request failed: ${detail}` : 'Network request failed');
  }
}

const FETCH_FAILURE =
  /^(?:Failed to fetch|Load failed|NetworkError when attempting to fetch resource\.?|fetch failed|Network request failed(?:: .*)?)$/s;

/** How deep `cause` is followed (a wrapper of a wrapper at most, with room to spare). */
const CAUSE_DEPTH = 4;

function isOwnNetworkFailure(error: unknown): boolean {
  if (error instanceof NetworkFailure) return true;
  if (error instanceof TypeError && FETCH_FAILURE.test(error.message)) return true;
  return typeof error === 'object' && error !== null && (error as { networkFailure?: unknown }).networkFailure === true;
}

/** Whether `error`, or what it wraps, is a request that never reached the server or storage. */
export function isNetworkError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth <= CAUSE_DEPTH && current; depth++) {
    if (isOwnNetworkFailure(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
