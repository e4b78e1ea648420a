/**
 * Kodo answers errors with an HTTP status (some of them Qiniu's own 6xx codes) and a JSON body
 * `{"error": "..."}`; SDKs and clients branch on the status, so the embedded store keeps Kodo's numbers.
 */
import type { ServerResponse } from 'node:http';

export const KODO = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  crcMismatch: 406,
  tooLarge: 413,
  rangeNotSatisfiable: 416,
  /** This server cannot do it at all (video fops without ffmpeg). */
  notImplemented: 501,
  /** Too much work queued already (image renders): try again after Retry-After. */
  serviceUnavailable: 503,
  /** The object does not exist (stat, delete). */
  noSuchEntry: 612,
  /** The object already exists (insertOnly upload). */
  fileExists: 614,
  noSuchBucket: 631,
  invalidMarker: 640,
  /** Kodo's "server operation failed". */
  serverFailure: 599,
} as const;

export class KodoError extends Error {
  override name = 'KodoError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra answer headers (Retry-After on a 503). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(res, status, body === undefined ? '' : JSON.stringify(body), headers);
}

/** For bodies that are already JSON text (a rendered returnBody). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function sendKodoError(res: ServerResponse, error: KodoError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, { error: error.message }, error.headers);
}
