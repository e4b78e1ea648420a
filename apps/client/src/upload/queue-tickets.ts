/**
 * Tickets on the device: what one uploads.create asks for a file, how long a ticket got is used (on the
 * device's own clock), and the server's size cap read from a refusal.
 */
import type { UploadRequest } from '@xiaojia/shared';
import type { PickedFile } from './picked-file';
import type { SendTicket } from './queue-types';

/**
 * How long a ticket is used after it came (the server grants 15 minutes). Counted on the device's own
 * clock from when it arrived, not from `expiresAt`: a phone's clock may be far off the server's.
 */
export const TICKET_USE_MS = 10 * 60_000;

/** What uploads.create is asked for a prepared file. */
export function uploadRequestOf(file: PickedFile): UploadRequest {
  return {
    filename: file.name,
    size: file.size,
    mime: file.mime as UploadRequest['mime'],
    ...(file.qetag ? { qetag: file.qetag } : {}),
  };
}

/** The largest size the server accepts, when `error` is its UPLOAD_TOO_LARGE refusal; null otherwise. */
export function tooLargeLimit(error: unknown): number | null {
  const data = (error as { data?: { appCode?: unknown; details?: { maxBytes?: unknown } } } | null)?.data;
  if (data?.appCode !== 'UPLOAD_TOO_LARGE') return null;
  const max = data.details?.maxBytes;
  return typeof max === 'number' && max > 0 ? max : null;
}

/** Tickets got for waiting files, by item id; each is used by one run only (a retry asks for a fresh one). */
export function createTicketBook(now: () => number) {
  const tickets = new Map<string, { ticket: SendTicket; gotAt: number }>();
  return {
    set(id: string, ticket: SendTicket): void {
      tickets.set(id, { ticket, gotAt: now() });
    },
    /** The item's ticket if it came less than TICKET_USE_MS ago (an older one is forgotten). */
    usable(id: string): SendTicket | null {
      const got = tickets.get(id);
      if (!got) return null;
      if (now() - got.gotAt >= TICKET_USE_MS) {
        tickets.delete(id);
        return null;
      }
      return got.ticket;
    },
    delete(id: string): void {
      tickets.delete(id);
    },
  };
}
