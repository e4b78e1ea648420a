/**
 * One file's run once it has a ticket: the bytes to storage (send), the derivatives where the ticket asks
 * for them, then uploads.confirm with what the device read of the file. Cancelling between the steps stops
 * it with UploadCancelled; anything else the steps throw is the queue's to sort out.
 */
import type { ConfirmUploadInput, ConfirmUploadResult, HomeRef, ImageVariantName } from '@xiaojia/shared';
import { type CancelSignal, UploadCancelled, UploadRestart } from './cancel';
import type { PickedFile } from './picked-file';
import type { SendEvents, SendTicket, UploadTransport } from './queue-types';

/** uploads.confirm's input: the device's facts of the file, each only when known. */
export function confirmInputOf(
  homeId: string,
  key: string,
  file: PickedFile,
  derivatives: readonly ImageVariantName[],
): HomeRef & ConfirmUploadInput {
  return {
    homeId,
    key,
    ...(file.width ? { width: file.width } : {}),
    ...(file.height ? { height: file.height } : {}),
    ...(file.takenAt ? { takenAt: file.takenAt } : {}),
    ...(file.thumbhash ? { thumbhash: file.thumbhash } : {}),
    ...(file.durationMs ? { durationMs: file.durationMs } : {}),
    ...(derivatives.length > 0 ? { derivatives: [...derivatives] } : {}),
  };
}

export interface RunHooks {
  onProgress(loaded: number): void;
  events: SendEvents;
  /** The bytes and derivatives are stored; confirming starts. */
  onConfirming(): void;
}

export async function runUpload(
  transport: UploadTransport,
  homeId: string,
  ticket: SendTicket,
  file: PickedFile,
  signal: CancelSignal,
  hooks: RunHooks,
): Promise<ConfirmUploadResult> {
  await transport.send(ticket, file, hooks.onProgress, signal, hooks.events);
  if (signal.cancelled) throw new UploadCancelled();
  const derivatives =
    ticket.derivatives?.length && transport.storeDerivatives
      ? await transport.storeDerivatives(ticket, file, signal)
      : [];
  if (signal.cancelled) throw new UploadCancelled();
  hooks.onConfirming();
  return transport.confirm(confirmInputOf(homeId, ticket.key, file, derivatives));
}

/** What a run that threw means for its file. */
export type RunFailure =
  /** The user cancelled it. */
  | 'cancelled'
  /** Its ticket can no longer be used: in line again for a fresh one. */
  | 'restart'
  /** The session is gone: the queue pauses. */
  | 'sessionLost'
  | 'failed';

export function runFailureOf(
  error: unknown,
  cancelled: boolean,
  isSessionLost: (error: unknown) => boolean,
): RunFailure {
  if (cancelled || error instanceof UploadCancelled) return 'cancelled';
  if (error instanceof UploadRestart) return 'restart';
  return isSessionLost(error) ? 'sessionLost' : 'failed';
}
