/**
 * Photos and videos from the device's album or camera, as queue files. Picking reads nothing: every picked
 * file joins the queue at once ("preparing"), and `preparePickedFile` reads what the upload needs when the
 * file's turn comes (the queue's `prepare`): the size, the format signature, the EXIF taken-at (photos),
 * the dimensions, a video's length (video-pick.ts), the qetag (one 4 MiB block at a time) and the
 * ThumbHash. A file that cannot go is listed with its reason instead.
 */
import Taro from '@tarojs/taro';
import { ACCEPTED_MIME, isVideoMime, MAX_UPLOAD_BYTES } from '@xiaojia/shared';
import { pickInBrowser } from './browser-picker';
import { EXIF_HEAD_BYTES, exifTakenAt } from './exif';
import { canReadFile, type PickedFileSource, readFileRange } from './file-head';
import { type BlockHasher, defaultBlockHasher, qetagOf } from './qetag';
import { FileRejected, type PickedFile, type Rejection } from './queue';
import { readThumbPixels } from './thumb-pixels';
import { makeThumbhash, type ThumbPixels } from './thumbhash';
import {
  CAMERA_MAX_DURATION_S,
  looksLikeVideo,
  type MediaTempFile,
  prepareVideoFacts,
  tempFileOfMedia,
} from './video-pick';
import { probeVideo, type VideoFacts } from './video-probe';

const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
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

export interface TempFile extends PickedFileSource {
  type?: string;
  /** The file's own name where the picker tells one (RN); else the path's last part. */
  name?: string;
  /** H5: the browser's File. */
  originalFileObj?: Blob & { name?: string; type?: string; lastModified?: number };
  /** The picker said it is a video (chooseMedia's fileType), with what it knew of it (video-pick.ts). */
  kind?: 'video';
  durationMs?: number;
  width?: number;
  height?: number;
  posterPath?: string;
}

/** What a picked file is known to be refused for before reading a byte: its type, its size. */
export function rejectionOf(size: number, mime: string | null, maxBytes = MAX_UPLOAD_BYTES): Rejection | null {
  if (!mime) return { reason: 'unsupported' };
  if (Number.isFinite(size) && size === 0) return { reason: 'empty' };
  if (Number.isFinite(size) && size > maxBytes) return { reason: 'tooLarge', maxBytes };
  return null;
}

/** Whether the first bytes are those of a photo format the album takes (JPEG, PNG, GIF, WebP, HEIC/HEIF). */
export function looksLikePhoto(head: Uint8Array): boolean {
  const at = (offset: number, text: string) => [...text].every((char, i) => head[offset + i] === char.charCodeAt(0));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true;
  if (head[0] === 0x89 && at(1, 'PNG')) return true;
  if (at(0, 'GIF8')) return true;
  if (at(0, 'RIFF') && at(8, 'WEBP')) return true;
  return at(4, 'ftyp');
}

export type ImageSize = { width: number; height: number } | 'undecodable' | null;

/** H5: the browser's own decoder, without Taro's getImageInfo (which repaints the photo into a PNG). */
function browserImageSize(src: string): Promise<ImageSize> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => resolve('undecodable');
    image.src = src;
  });
}

async function platformImageSize(path: string): Promise<ImageSize> {
  if (process.env.TARO_ENV === 'h5') return browserImageSize(path);
  try {
    const info = await Taro.getImageInfo({ src: path });
    return { width: info.width, height: info.height };
  } catch {
    // WeChat and RN cannot always tell (e.g. some HEIC): the grid shows a square placeholder.
    return null;
  }
}

/** Types a browser decodes: on H5 a file of these that does not decode is damaged. */
const BROWSER_DECODES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export interface PrepareDeps {
  read(source: TempFile, position: number, length: number): Promise<ArrayBuffer | null>;
  canRead(source: TempFile): boolean;
  imageSize(path: string): Promise<ImageSize>;
  /** A small copy of the photo's pixels for its ThumbHash (after its dimensions are known). */
  thumbPixels(file: PickedFile): Promise<ThumbPixels | null>;
  /** H5: a video's length, size and a frame, as the browser reads them; elsewhere the picker told. */
  probeVideo(file: PickedFile): Promise<VideoFacts | null>;
  hashBlock: BlockHasher;
  maxBytes: number;
}

function platformDeps(): PrepareDeps {
  return {
    read: readFileRange,
    canRead: canReadFile,
    imageSize: platformImageSize,
    thumbPixels: readThumbPixels,
    probeVideo: async (file) => (process.env.TARO_ENV === 'h5' ? probeVideo(file.path) : null),
    hashBlock: defaultBlockHasher(),
    maxBytes: MAX_UPLOAD_BYTES,
  };
}

/**
 * The queue's `prepare`: reads a picked file's facts when its turn comes. Throws FileRejected for a file
 * that is empty, too large, not a photo or unreadable; never anything else.
 */
export async function preparePickedFile(file: PickedFile, deps: Partial<PrepareDeps> = {}): Promise<PickedFile> {
  const { read, canRead, imageSize, thumbPixels, probeVideo, hashBlock, maxBytes } = { ...platformDeps(), ...deps };
  const video = isVideoMime(file.mime);
  const source = file.source as TempFile | undefined;
  if (!source) return file;
  const size = source.originalFileObj?.size ?? file.size;
  const rejection = rejectionOf(size, file.mime || null, maxBytes);
  if (rejection) throw new FileRejected(rejection.reason, rejection.maxBytes);
  const out: PickedFile = { ...file, size };
  if (canRead(source)) {
    const readExactly = async (position: number, length: number): Promise<ArrayBuffer> => {
      let bytes: ArrayBuffer | null;
      try {
        bytes = await read(source, position, length);
      } catch {
        throw new FileRejected('unreadable');
      }
      if (!bytes) throw new FileRejected('unreadable');
      return bytes;
    };
    // A size the picker did not tell (NaN) still lets the head be read; the qetag needs the exact size.
    const known = Number.isSafeInteger(size) && size > 0;
    const head = new Uint8Array(await readExactly(0, known ? Math.min(size, EXIF_HEAD_BYTES) : EXIF_HEAD_BYTES));
    if (!(video ? looksLikeVideo(head) : looksLikePhoto(head))) throw new FileRejected('unreadable');
    if (file.mime === 'image/jpeg') {
      const takenAt = exifTakenAt(head.slice().buffer);
      if (takenAt) out.takenAt = takenAt;
    }
    if (known) {
      try {
        out.qetag = await qetagOf(size, readExactly, hashBlock);
      } catch {
        // A read failed or came short: the file changed or cannot be read whole.
        throw new FileRejected('unreadable');
      }
    }
  }
  // A video's facts come from the picker or the browser's player; EXIF and the image decoder are for photos.
  if (video) return prepareVideoFacts(out, { probeVideo, thumbPixels });
  const dimensions = await imageSize(file.path).catch((): ImageSize => null);
  if (dimensions === 'undecodable') {
    if (process.env.TARO_ENV === 'h5' && BROWSER_DECODES.includes(file.mime)) throw new FileRejected('unreadable');
  } else if (dimensions && dimensions.width > 0 && dimensions.height > 0) {
    // Width and height size the timeline's placeholders before the thumbnail loads.
    out.width = dimensions.width;
    out.height = dimensions.height;
  }
  if (dimensions !== 'undecodable') {
    // Never a reason to refuse the photo: without a ThumbHash the grid paints a plain tile.
    const thumbhash = await makeThumbhash(() => thumbPixels(out));
    if (thumbhash) out.thumbhash = thumbhash;
  }
  return out;
}

/**
 * How many photos one trip to the album may bring back: WeChat's chooseMedia takes at most 9 (Taro's RN
 * picker keeps that cap too); a browser's file input has no limit (null). The queue adds each pick to the
 * last, so more photos are a second pick away.
 */
export function pickLimit(platform = process.env.TARO_ENV): number | null {
  return platform === 'h5' ? null : 9;
}

export interface PickResult {
  /** Every picked file, at once: those that cannot go carry `rejected`. */
  files: PickedFile[];
}

/** A picked temp file as a queue file, without reading it. */
export function pickedFileOf(temp: TempFile): PickedFile {
  const name = temp.originalFileObj?.name || temp.name || baseName(temp.path);
  // WeChat names its temp videos .mp4; one without a known extension is still the MP4 it records.
  const mime = mimeOf(name, temp.originalFileObj?.type || temp.type) ?? (temp.kind === 'video' ? 'video/mp4' : null);
  const size = temp.originalFileObj?.size ?? temp.size;
  const file: PickedFile = { path: temp.path, name, size, mime: mime ?? '', source: temp };
  if (temp.kind === 'video' || (mime && isVideoMime(mime))) {
    if (temp.durationMs) file.durationMs = temp.durationMs;
    if (temp.width && temp.height) {
      file.width = temp.width;
      file.height = temp.height;
    }
    if (temp.posterPath) file.posterPath = temp.posterPath;
  }
  const rejected = rejectionOf(size, mime);
  if (rejected) file.rejected = rejected;
  return file;
}

/**
 * Opens the album or the camera for photos and videos; resolves with nothing picked when the user backs
 * out. Reads no file.
 */
export async function pickPhotos(source: 'album' | 'camera'): Promise<PickResult> {
  if (process.env.TARO_ENV === 'h5') return { files: (await pickInBrowser(source)).map(pickedFileOf) };
  return pickWithTaro(source);
}

/**
 * WeChat and RN: Taro's chooseMedia, photos and videos together, at most 9 a trip, as shot (no
 * compression); the camera records at most WeChat's 60 s.
 */
export async function pickWithTaro(source: 'album' | 'camera'): Promise<PickResult> {
  let tempFiles: TempFile[];
  try {
    const result = await Taro.chooseMedia({
      count: source === 'camera' ? 1 : (pickLimit() ?? 9),
      mediaType: ['image', 'video'],
      sizeType: ['original'],
      sourceType: [source],
      maxDuration: CAMERA_MAX_DURATION_S,
    });
    tempFiles = (result.tempFiles as MediaTempFile[]).map((entry) => tempFileOfMedia(entry));
  } catch (error) {
    if (error && typeof error === 'object' && 'errMsg' in error && /cancel/i.test(String(error.errMsg))) {
      return { files: [] };
    }
    throw error;
  }
  return { files: tempFiles.map(pickedFileOf) };
}
