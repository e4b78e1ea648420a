/** Real images and the real upload flow (create -> multipart POST to storage -> confirm) for tests. */
import type { UploadTicket } from '@xiaojia/shared';
import sharp from 'sharp';
import type { callerFor } from './deps.js';

type Caller = ReturnType<typeof callerFor>;

let seed = 0;

/** A JPEG whose pixels differ per call, so each has its own etag. */
export async function makeJpeg(width = 64, height = 48): Promise<Buffer> {
  seed += 1;
  const r = (seed * 53) % 256;
  const g = (seed * 97) % 256;
  const b = (seed * 193) % 256;
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * Send the bytes exactly as a client does with the ticket: a form of the grant's fields (in order) then the
 * file (Qiniu, S3 POST policy), or a PUT of the bytes with the grant's headers (S3 without POST policy).
 * Success is 200 for all (an S3 POST's 204 is reported as 200); `body` is Kodo's JSON answer, if any.
 */
export async function postToStorage(ticket: UploadTicket, bytes: Buffer, filename = 'photo.jpg', mime = 'image/jpeg') {
  if (ticket.kind !== 'upload') throw new Error('ticket is a duplicate, nothing to upload');
  let response: Response;
  if (ticket.method === 'PUT') {
    response = await fetch(ticket.uploadUrl, {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: ticket.headers ?? {},
    });
  } else {
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.fields)) form.set(name, value);
    form.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), filename);
    response = await fetch(ticket.uploadUrl, { method: 'POST', body: form });
  }
  const text = await response.text();
  const body = (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>;
  return { status: response.status === 204 ? 200 : response.status, body };
}

export interface UploadOptions {
  bytes?: Buffer;
  filename?: string;
  takenAt?: string;
  width?: number;
  height?: number;
  /** Sent with the confirm, as the client does (base64 of the device-made ThumbHash). */
  thumbhash?: string;
}

/** Two thumbhashes as the client sends them (base64 of 21 bytes). */
export const THUMBHASH = '3OcRJYB4d3h/iIeHeEh3eIhw+j3A';
export const OTHER_THUMBHASH = 'HBkSHYSIeHiPiHh8eJd4eTN0EEQG';

/** uploads.create for one JPEG of `bytes`: the grant to upload it (nothing sent yet). */
export async function grantFor(caller: Caller, homeId: string, bytes: Buffer, filename = 'photo.jpg') {
  const { tickets } = await caller.uploads.create({
    homeId,
    files: [{ filename, size: bytes.length, mime: 'image/jpeg' }],
  });
  const ticket = tickets[0];
  if (!ticket || ticket.kind !== 'upload') throw new Error('expected an upload ticket');
  return ticket;
}

/** The whole flow for one photo into `homeId`; returns the confirmed photo. */
export async function uploadPhoto(caller: Caller, homeId: string, options: UploadOptions = {}) {
  const bytes = options.bytes ?? (await makeJpeg(options.width ?? 64, options.height ?? 48));
  const filename = options.filename ?? 'photo.jpg';
  const ticket = await grantFor(caller, homeId, bytes, filename);
  const posted = await postToStorage(ticket, bytes, filename);
  if (posted.status !== 200) throw new Error(`upload refused: ${posted.status} ${JSON.stringify(posted.body)}`);
  const confirmed = await caller.uploads.confirm({
    homeId,
    key: ticket.key,
    width: options.width ?? 64,
    height: options.height ?? 48,
    ...(options.takenAt ? { takenAt: options.takenAt } : {}),
    ...(options.thumbhash ? { thumbhash: options.thumbhash } : {}),
  });
  return { ...confirmed, key: ticket.key, bytes };
}
