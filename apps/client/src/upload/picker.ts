/** Photos from the device's album or camera, as queue files with the facts uploads.create needs. */
import Taro from '@tarojs/taro';
import { ACCEPTED_MIME } from '@xiaojia/shared';
import { EXIF_HEAD_BYTES, exifTakenAt } from './exif';
import { type PickedFileSource, readFileHead } from './file-head';
import type { PickedFile } from './queue';

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  gif: 'image/gif',
};

/** The platform's type when it gave an accepted one, else the file extension's; null when neither is accepted. */
export function mimeOf(name: string, reported?: string): string | null {
  const accepted = ACCEPTED_MIME as readonly string[];
  if (reported && accepted.includes(reported)) return reported;
  const extension = /\.([a-z0-9]+)(?:\?.*)?$/i.exec(name)?.[1]?.toLowerCase();
  return (extension && MIME_BY_EXTENSION[extension]) ?? null;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || 'photo.jpg';
}

interface TempFile extends PickedFileSource {
  type?: string;
  /** H5: the browser's File. */
  originalFileObj?: Blob & { name?: string; type?: string; lastModified?: number };
}

/** When a picked photo was taken, from its EXIF (JPEG only); undefined when unknown. */
async function takenAtOf(temp: TempFile, mime: string): Promise<string | undefined> {
  if (mime !== 'image/jpeg') return undefined;
  try {
    const head = await readFileHead(temp, EXIF_HEAD_BYTES);
    return (head && exifTakenAt(head)) ?? undefined;
  } catch {
    return undefined;
  }
}

export interface PickResult {
  files: PickedFile[];
  /** Names of picked files whose type the album does not take. */
  unsupported: string[];
}

/**
 * How many photos one trip to the album may bring back: WeChat's chooseImage takes at most 9 (Taro's RN
 * picker keeps that cap too); a browser's file input has no limit (null). The queue adds each pick to the
 * last, so more photos are a second pick away.
 */
export function pickLimit(platform = process.env.TARO_ENV): number | null {
  return platform === 'h5' ? null : 9;
}

/** Opens the album or the camera; resolves with nothing picked when the user backs out. */
export async function pickPhotos(source: 'album' | 'camera'): Promise<PickResult> {
  let tempFiles: TempFile[];
  try {
    const result = await Taro.chooseImage({
      // On H5 any count above 1 only makes the file input take several files.
      count: source === 'camera' ? 1 : (pickLimit() ?? 9),
      sizeType: ['original'],
      sourceType: [source],
    });
    tempFiles = result.tempFiles as TempFile[];
  } catch (error) {
    if (error && typeof error === 'object' && 'errMsg' in error && /cancel/i.test(String(error.errMsg))) {
      return { files: [], unsupported: [] };
    }
    throw error;
  }
  const files: PickedFile[] = [];
  const unsupported: string[] = [];
  for (const temp of tempFiles) {
    const name = temp.originalFileObj?.name || baseName(temp.path);
    const mime = mimeOf(name, temp.originalFileObj?.type || temp.type);
    if (!mime) {
      unsupported.push(name);
      continue;
    }
    const file: PickedFile = { path: temp.path, name, size: temp.size, mime };
    const takenAt = await takenAtOf(temp, mime);
    if (takenAt) file.takenAt = takenAt;
    try {
      // Width and height size the timeline's placeholders before the thumbnail loads.
      const info = await Taro.getImageInfo({ src: temp.path });
      if (info.width > 0 && info.height > 0) Object.assign(file, { width: info.width, height: info.height });
    } catch {
      // Unknown size: the grid shows a square placeholder.
    }
    files.push(file);
  }
  return { files, unsupported };
}
