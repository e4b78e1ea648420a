/**
 * Derivatives for buckets without image processing (the ticket's `derivatives` grants): each JPEG made on
 * the device and sent with its grant after the original, before confirming. A derivative that cannot be
 * made or stored never fails the upload: it is logged and left out, and the album shows the original in
 * its place. Only cancelling the upload stops here.
 */
import type { DerivativeGrant, ImageVariantName } from '@xiaojia/shared';
import type { DerivativeSpec, MadeDerivative } from './derivative-image';
import type { CancelSignal, PickedFile } from './queue';
import { UploadCancelled } from './queue';
import type { StorageGrant } from './send';

export interface DerivativeSteps {
  /** The JPEG for a grant; null where this platform makes none for this file (a video on RN, a non-JPEG photo on weapp). */
  make(file: PickedFile, spec: DerivativeSpec): Promise<MadeDerivative | null>;
  send(
    grant: StorageGrant,
    file: PickedFile,
    onProgress: (loaded: number) => void,
    signal: CancelSignal,
  ): Promise<void>;
  log(message: string, detail?: unknown): void;
}

/** Makes and stores each grant's derivative, one at a time; answers the variants stored. */
export async function storeDerivatives(
  grants: readonly DerivativeGrant[],
  file: PickedFile,
  signal: CancelSignal,
  steps: DerivativeSteps,
): Promise<ImageVariantName[]> {
  const stored: ImageVariantName[] = [];
  for (const grant of grants) {
    if (signal.cancelled) throw new UploadCancelled();
    let made: MadeDerivative | null = null;
    try {
      made = await steps.make(file, grant);
      if (!made) {
        steps.log(`no ${grant.variant} made on this device for ${file.mime}; the album shows the original`);
        continue;
      }
      if (signal.cancelled) throw new UploadCancelled();
      await steps.send(grant, made.file, () => undefined, signal);
      stored.push(grant.variant);
    } catch (error) {
      if (signal.cancelled || error instanceof UploadCancelled) throw new UploadCancelled();
      steps.log(`the ${grant.variant} of ${file.name} was not stored; the album shows the original`, error);
    } finally {
      made?.release();
    }
  }
  return stored;
}
