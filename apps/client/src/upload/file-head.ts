/**
 * Bytes of a picked file, read a range at a time (never the whole photo): the head, where a JPEG keeps its
 * EXIF and every format its signature, and 4 MiB blocks for the qetag. In the browser from the File, in
 * WeChat through its file system. React Native reads through expo-file-system instead (file-head.rn.ts).
 */
import Taro from '@tarojs/taro';

export interface PickedFileSource {
  path: string;
  size: number;
  /** H5: the browser's File. */
  originalFileObj?: Blob;
}

/** Whether this platform can read a picked file's bytes at all. */
export function canReadFile(file: PickedFileSource): boolean {
  return (
    Boolean(file.originalFileObj && typeof file.originalFileObj.slice === 'function') ||
    process.env.TARO_ENV === 'weapp'
  );
}

/** `length` bytes from `position` (fewer at the end of the file); null where the platform cannot read them. */
export async function readFileRange(
  file: PickedFileSource,
  position: number,
  length: number,
): Promise<ArrayBuffer | null> {
  if (file.originalFileObj && typeof file.originalFileObj.slice === 'function') {
    return file.originalFileObj.slice(position, position + length).arrayBuffer();
  }
  if (process.env.TARO_ENV !== 'weapp') return null;
  const size = Number.isFinite(file.size) && file.size >= 0 ? file.size : position + length;
  const available = Math.max(0, Math.min(length, size - position));
  if (available === 0) return new ArrayBuffer(0);
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      position,
      length: available,
      success: ({ data }) => resolve(data instanceof ArrayBuffer ? data : null),
      fail: (error) => reject(new Error(`readFile: ${error.errMsg}`)),
    });
  });
}

/** Up to `length` bytes from the file's start; null where the platform cannot read them. */
export async function readFileHead(file: PickedFileSource, length: number): Promise<ArrayBuffer | null> {
  return readFileRange(file, 0, length);
}
