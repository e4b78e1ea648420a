/**
 * The queue's transport with multipart uploads: a file whose ticket carries `multipart` goes in parts
 * (engine.ts) by its protocol (Qiniu v2 straight to storage, S3 with part URLs from the API); others go as
 * the wrapped transport sends them. Asking for tickets, a file the device has a stored upload of (same
 * home, name, size and content hash: record.ts) gets that upload's ticket back instead of a new one, and
 * resumes from its stored parts. A resumed upload the storage no longer has, or whose token expired, ends
 * in UploadRestart: the queue asks for a fresh ticket and starts it over.
 */
import type { UploadRequest } from '@xiaojia/shared';
import { type PickedFile, UploadRestart, type UploadTransport } from '../queue';
import type { ByteHttp } from './byte-http';
import { type MultipartRun, type PartTarget, uploadInParts } from './engine';
import { MultipartFailure } from './errors';
import type { NetworkMonitor } from './net-gate';
import { cutParts } from './parts';
import { qiniuV2Target } from './qiniu-v2';
import type { MultipartRecord, MultipartTicket, RecordStore } from './record';
import { type S3TargetOptions, s3Target } from './s3';

export interface MultipartDeps {
  api: S3TargetOptions['api'];
  http: ByteHttp;
  records: RecordStore;
  network: NetworkMonitor;
  /** Exactly `length` bytes of the picked file from `start`. */
  read(file: PickedFile, start: number, length: number): Promise<ArrayBuffer>;
  /** Tests set the parallelism, the retries and the clock of the waits. */
  tuning?: Pick<MultipartRun, 'parallelism' | 'retry' | 'sleep' | 'random'>;
}

function sameFile(record: MultipartRecord, homeId: string, request: UploadRequest): boolean {
  const asked = record.request;
  return (
    Boolean(request.qetag) &&
    record.homeId === homeId &&
    asked.qetag === request.qetag &&
    asked.size === request.size &&
    asked.filename === request.filename &&
    asked.mime === request.mime
  );
}

/** The protocol adapter for a multipart ticket. */
export function partTargetOf(
  deps: Pick<MultipartDeps, 'api' | 'http'>,
  ticket: MultipartTicket,
  homeId: string,
  request: UploadRequest,
): PartTarget {
  const plan = ticket.multipart;
  if (plan.protocol === 'qiniu-v2') {
    return qiniuV2Target({ plan, key: ticket.key, filename: request.filename, mime: request.mime, http: deps.http });
  }
  const partCount = cutParts(request.size, plan.partBytes).length;
  return s3Target({ api: deps.api, homeId, key: ticket.key, plan, partCount, http: deps.http });
}

/** Gives a stored upload up (the user will not pick its file again): on the storage, then on the device. */
export async function forgetStoredUpload(
  deps: Pick<MultipartDeps, 'api' | 'http' | 'records'>,
  record: MultipartRecord,
): Promise<void> {
  await partTargetOf(deps, record.ticket, record.homeId, record.request)
    .abort(record.uploadId)
    .catch(() => undefined);
  await deps.records.drop(record.ticket.key);
}

export function withMultipart(inner: UploadTransport, deps: MultipartDeps): UploadTransport {
  /** Home and request of each multipart ticket handed out, for its record. */
  const origins = new Map<string, { homeId: string; request: UploadRequest }>();
  /** Keys of uploads being sent now: never handed out twice. */
  const active = new Set<string>();

  return {
    ...inner,
    async createTickets(homeId, files) {
      const stored = await deps.records.list().catch((): MultipartRecord[] => []);
      const used = new Set<string>();
      const resumed = files.map((request) => {
        const record = stored.find(
          (r) => !used.has(r.ticket.key) && !active.has(r.ticket.key) && sameFile(r, homeId, request),
        );
        if (record) used.add(record.ticket.key);
        return record ?? null;
      });
      const ask = files.filter((_, index) => !resumed[index]);
      const fresh = ask.length > 0 ? await inner.createTickets(homeId, ask) : [];
      let next = 0;
      return files.map((request, index) => {
        const record = resumed[index];
        if (record) {
          origins.set(record.ticket.key, { homeId, request: record.request });
          return record.ticket;
        }
        const ticket = fresh[next++];
        if (!ticket) throw new Error(`uploads.create answered ${fresh.length} tickets for ${ask.length} files`);
        if (ticket.kind === 'upload' && ticket.multipart) origins.set(ticket.key, { homeId, request });
        return ticket;
      });
    },
    async send(ticket, file, onProgress, signal, events) {
      if (!ticket.multipart) return inner.send(ticket, file, onProgress, signal, events);
      const multipartTicket = ticket as MultipartTicket;
      const record = await deps.records.get(ticket.key).catch(() => null);
      const origin = origins.get(ticket.key) ?? (record ? { homeId: record.homeId, request: record.request } : null);
      if (!origin) throw new Error(`no home known for the multipart upload of ${ticket.key}`);
      active.add(ticket.key);
      try {
        await uploadInParts({
          size: file.size,
          partBytes: ticket.multipart.partBytes,
          read: (start, length) => deps.read(file, start, length),
          target: partTargetOf(deps, multipartTicket, origin.homeId, origin.request),
          resume: record ? { uploadId: record.uploadId, parts: record.parts } : null,
          journal: deps.records.journal(
            { homeId: origin.homeId, request: origin.request, ticket: multipartTicket, path: file.path },
            record,
          ),
          network: deps.network,
          signal,
          onProgress,
          ...(events ? { onWaitingForNetwork: events.waitingForNetwork } : {}),
          ...deps.tuning,
        });
        origins.delete(ticket.key);
      } catch (error) {
        // A stored upload that cannot go on: a fresh ticket may (a fresh one failing so is a failure).
        if (record && error instanceof MultipartFailure && error.restartable) throw new UploadRestart(error);
        throw error;
      } finally {
        active.delete(ticket.key);
      }
    },
  };
}
