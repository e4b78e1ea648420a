/**
 * A derivative JPEG in React Native (see derivative-image.ts): the native resizer writes a JPEG fitting
 * `maxSide` (contain, only scaling down), at falling qualities until it is under `maxBytes`; files too large
 * are deleted, and the one sent is deleted once it was. Videos get no poster here (no frame grabber is
 * bundled): the album falls back to the original.
 */
import ImageResizer from '@bam.tech/react-native-image-resizer';
import { isVideoMime } from '@xiaojia/shared';
import * as FileSystem from 'expo-file-system';
import { encodeWithin } from './derivative-fit';
import type { DerivativeSpec, MadeDerivative } from './derivative-image';

export type { DerivativeSpec, MadeDerivative } from './derivative-image';

const remove = (uri: string) => FileSystem.deleteAsync(uri, { idempotent: true }).catch(() => undefined);

export async function makeDerivative(
  file: { path: string; mime: string },
  spec: DerivativeSpec,
): Promise<MadeDerivative | null> {
  if (isVideoMime(file.mime)) return null;
  const made = await encodeWithin(
    spec.maxBytes,
    (quality) =>
      ImageResizer.createResizedImage(
        file.path,
        spec.maxSide,
        spec.maxSide,
        'JPEG',
        Math.round(quality * 100),
        0,
        null,
        false,
        { mode: 'contain', onlyScaleDown: true },
      ),
    (tooLarge) => remove(tooLarge.uri),
  );
  return {
    file: {
      path: made.uri,
      name: `${spec.variant}.jpg`,
      size: made.size,
      mime: 'image/jpeg',
      width: made.width,
      height: made.height,
    },
    release: () => void remove(made.uri),
  };
}
