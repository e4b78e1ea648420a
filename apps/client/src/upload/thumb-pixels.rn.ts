/**
 * React Native's way to a small copy of a picked photo's pixels (see thumb-pixels.ts). There is no canvas:
 * the native resizer writes a JPEG of at most 100×100, expo-file-system reads it back in base64 and
 * jpeg-js decodes it to RGBA in JS (a few KB, so quickly). The small JPEG is deleted afterwards.
 */
import ImageResizer from '@bam.tech/react-native-image-resizer';
import * as FileSystem from 'expo-file-system';
import decodeJpeg from 'jpeg-js/lib/decoder';
import { fromBase64 } from '../lib/base64';
import type { PickedFile } from './queue';
import { THUMB_MAX_SIDE, type ThumbPixels } from './thumbhash';

/** JPEG quality of the small copy: the hash keeps only its broad colours. */
const SMALL_COPY_QUALITY = 90;

export async function readThumbPixels(file: PickedFile): Promise<ThumbPixels | null> {
  const small = await ImageResizer.createResizedImage(
    file.path,
    THUMB_MAX_SIDE,
    THUMB_MAX_SIDE,
    'JPEG',
    SMALL_COPY_QUALITY,
    0,
    null,
    false,
    // Fit inside 100×100 keeping the aspect; a photo already smaller stays as it is.
    { mode: 'contain', onlyScaleDown: true },
  );
  try {
    const base64 = await FileSystem.readAsStringAsync(small.uri, { encoding: FileSystem.EncodingType.Base64 });
    const bytes = fromBase64(base64);
    if (!bytes) return null;
    const { width, height, data } = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true });
    return { width, height, rgba: data };
  } finally {
    await FileSystem.deleteAsync(small.uri, { idempotent: true }).catch(() => undefined);
  }
}
