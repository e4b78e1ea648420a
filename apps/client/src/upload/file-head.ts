/**
 * The first bytes of a picked file, where a JPEG keeps its EXIF: in the browser from the File, in WeChat
 * through its file system. React Native reads through expo-file-system instead (file-head.rn.ts).
 */
import Taro from '@tarojs/taro';

export interface PickedFileSource {
  path: string;
  size: number;
  /** H5: the browser's File. */
  originalFileObj?: Blob;
}

/** Up to `length` bytes from the file's start; null where the platform cannot read them. */
export async function readFileHead(file: PickedFileSource, length: number): Promise<ArrayBuffer | null> {
  if (file.originalFileObj && typeof file.originalFileObj.slice === 'function') {
    return file.originalFileObj.slice(0, length).arrayBuffer();
  }
  if (process.env.TARO_ENV !== 'weapp') return null;
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      position: 0,
      length: Math.min(length, file.size),
      success: ({ data }) => resolve(data instanceof ArrayBuffer ? data : null),
      fail: () => resolve(null),
    });
  });
}
