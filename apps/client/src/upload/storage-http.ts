/**
 * What every platform's request to storage shares: what a PUT needs, the headers a platform sets itself,
 * and what storage said when it refused, for the upload list. Kodo and the embedded store answer JSON
 * `{ error }`; S3-compatible storage answers XML `<Error><Code>…</Code><Message>…</Message></Error>`.
 */
import type { CancelSignal, PickedFile } from './queue';

export interface PutRequest {
  url: string;
  /** Signed headers, sent as they are (the platform sets Content-Length from the body itself). */
  headers: Readonly<Record<string, string>>;
  file: PickedFile;
  onProgress(loaded: number): void;
  signal: CancelSignal;
}

/** Headers a browser (and WeChat) refuses to let a page set: it fills them from the body and the URL. */
const PLATFORM_HEADERS = new Set(['content-length', 'host']);

export function sendableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !PLATFORM_HEADERS.has(name.toLowerCase())));
}

/** Storage refused the upload: Kodo (and the embedded store) answer e.g. 401, 403, 413, 614 with { error }. */
export class StorageUploadError extends Error {
  override name = 'StorageUploadError';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`storage answered ${status}${detail ? `: ${detail}` : ''}`);
  }
}

function xmlElement(xml: string, name: string): string | null {
  const found = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return found?.[1]?.trim() || null;
}

/** The reason in a storage answer's body: Kodo's `error`, S3's `Code: Message`, else its first words. */
export function storageDetail(data: unknown): string {
  if (typeof data !== 'string') return '';
  const body = data.trim();
  if (body.startsWith('<')) {
    const code = xmlElement(body, 'Code');
    const message = xmlElement(body, 'Message');
    if (code || message) return [code, message].filter(Boolean).join(': ');
  }
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : '';
  } catch {
    return body.slice(0, 120);
  }
}
