import type { UploadTicket } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { createTicketBook, TICKET_USE_MS, tooLargeLimit, uploadRequestOf } from './queue-tickets';

const ticket = (key: string): Extract<UploadTicket, { kind: 'upload' }> => ({
  kind: 'upload',
  key,
  uploadUrl: 'https://up.example/',
  fields: { token: 't', key },
  expiresAt: '2030-01-01T00:00:00.000Z',
});

describe('ticket book', () => {
  it('gives a ticket back until TICKET_USE_MS after it came on the device clock, then forgets it', () => {
    let now = 1_000;
    const book = createTicketBook(() => now);
    book.set('u1', ticket('k/1'));
    now += TICKET_USE_MS - 1;
    expect(book.usable('u1')?.key).toBe('k/1');
    now += 1;
    expect(book.usable('u1')).toBeNull();
    now -= 1;
    expect(book.usable('u1')).toBeNull();
  });

  it('keeps tickets per item and deletes one alone', () => {
    const book = createTicketBook(() => 0);
    book.set('u1', ticket('k/1'));
    book.set('u2', ticket('k/2'));
    book.delete('u1');
    expect(book.usable('u1')).toBeNull();
    expect(book.usable('u2')?.key).toBe('k/2');
    expect(book.usable('u3')).toBeNull();
  });
});

describe('uploadRequestOf', () => {
  it('asks with the qetag only when the device computed one', () => {
    const file = { path: 'blob:a', name: 'a.jpg', size: 10, mime: 'image/jpeg' };
    expect(uploadRequestOf(file)).toEqual({ filename: 'a.jpg', size: 10, mime: 'image/jpeg' });
    expect(uploadRequestOf({ ...file, qetag: 'Fq' })).toEqual({
      filename: 'a.jpg',
      size: 10,
      mime: 'image/jpeg',
      qetag: 'Fq',
    });
  });
});

describe('tooLargeLimit', () => {
  it("reads the server's cap from UPLOAD_TOO_LARGE only", () => {
    const refusal = (appCode: string, maxBytes?: unknown) => ({ data: { appCode, details: { maxBytes } } });
    expect(tooLargeLimit(refusal('UPLOAD_TOO_LARGE', 4096))).toBe(4096);
    expect(tooLargeLimit(refusal('UPLOAD_TOO_LARGE'))).toBeNull();
    expect(tooLargeLimit(refusal('UPLOAD_TOO_LARGE', -1))).toBeNull();
    expect(tooLargeLimit(refusal('UPLOAD_TOO_LARGE', '4096'))).toBeNull();
    expect(tooLargeLimit(refusal('FORBIDDEN', 4096))).toBeNull();
    expect(tooLargeLimit(null)).toBeNull();
    expect(tooLargeLimit(new Error('x'))).toBeNull();
  });
});
