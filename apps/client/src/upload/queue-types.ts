/**
 * The upload queue's shapes: an item in the list and its states, and what the queue needs from the API and
 * the platform (UploadTransport) and from the app (UploadQueueOptions).
 */
import type {
  ConfirmUploadInput,
  ConfirmUploadResult,
  HomeRef,
  ImageVariantName,
  UploadRequest,
  UploadTicket,
} from '@xiaojia/shared';
import type { CancelSignal } from './cancel';
import type { PickedFile, Rejection } from './picked-file';

export type UploadStatus =
  /** Picked; its facts (taken-at, size, hash) are read when its turn comes. */
  | 'preparing'
  | 'waiting'
  | 'uploading'
  | 'confirming'
  | 'done'
  | 'duplicate'
  | 'failed'
  | 'cancelled'
  /** Cannot be uploaded at all; `rejection` says why. */
  | 'rejected'
  /** Stopped by a lost session; continues after sign-in. */
  | 'paused';

export interface UploadItem {
  id: string;
  /** The home the file was picked for. */
  homeId: string;
  file: PickedFile;
  status: UploadStatus;
  /** Bytes sent so far (of file.size). */
  loaded: number;
  error: unknown;
  rejection: Rejection | null;
  /** The photo in the library once done (or the existing one for a duplicate). */
  photoId: string | null;
  /** Uploading, but held until the network returns. */
  waitingForNetwork?: boolean;
  /** Its stored upload had expired or was gone: it started over from the beginning. */
  restarted?: boolean;
}

/** A file just picked: preparing, or rejected already when the picker knew it cannot go. */
export function pickedItem(id: string, homeId: string, file: PickedFile): UploadItem {
  return {
    id,
    homeId,
    file,
    status: file.rejected ? 'rejected' : 'preparing',
    loaded: 0,
    error: null,
    rejection: file.rejected ?? null,
    photoId: null,
  };
}

export type SendTicket = Extract<UploadTicket, { kind: 'upload' }>;

/** What a transfer tells the queue beyond its progress. */
export interface SendEvents {
  /** The transfer holds until the network returns (true), or goes again (false). */
  waitingForNetwork(waiting: boolean): void;
}

/** What the queue needs from the API and the platform; the app passes the real ones, tests their own. */
export interface UploadTransport {
  /** One uploads.create for up to MAX_UPLOAD_BATCH files of one home: a ticket per file, in order. */
  createTickets(homeId: string, files: readonly UploadRequest[]): Promise<UploadTicket[]>;
  send(
    ticket: SendTicket,
    file: PickedFile,
    onProgress: (loaded: number) => void,
    signal: CancelSignal,
    events?: SendEvents,
  ): Promise<void>;
  /**
   * After `send`, for a ticket with `derivatives`: makes and stores them, answers the variants stored (a
   * failed one is left out, never thrown); rejects only with UploadCancelled.
   */
  storeDerivatives?(ticket: SendTicket, file: PickedFile, signal: CancelSignal): Promise<readonly ImageVariantName[]>;
  confirm(input: HomeRef & ConfirmUploadInput): Promise<ConfirmUploadResult>;
}

export interface UploadQueueOptions {
  transport: UploadTransport;
  /**
   * Reads a picked file's facts when its turn comes (taken-at, size, dimensions, qetag) and answers the
   * file completed; throws FileRejected for a file that cannot go. Default: the file as picked.
   */
  prepare?(file: PickedFile): Promise<PickedFile>;
  parallelism?: number;
  /** Whether an error means the session is gone (pause, do not fail). */
  isSessionLost(error: unknown): boolean;
  /** Told once per pause, so the app can send the user to sign-in. */
  onSessionLost?(error: unknown): void;
  /** Called whenever the queue runs dry after finishing at least one photo (refresh the timeline). */
  onDrained?(result: { uploaded: number; duplicates: number }): void;
  /** The device's clock (tests pass their own). */
  now?(): number;
}
