/**
 * React Native's way to a range of a picked file's bytes (see file-head.ts): Taro's RN file API has no
 * partial read; expo-file-system has one, in base64. The picker gives a file:// URI in the app's cache.
 */
import Taro from '@tarojs/taro';
import * as FileSystem from 'expo-file-system';
import type { PickedFileSource } from './file-head';

export type { PickedFileSource } from './file-head';

export function canReadFile(_file: PickedFileSource): boolean {
  return true;
}

export async function readFileRange(
  file: PickedFileSource,
  position: number,
  length: number,
): Promise<ArrayBuffer | null> {
  // No more than the file holds where the picker said its size (Android pads a short read with zeros).
  const size =
    Number.isFinite(file.size) && file.size > 0 ? Math.max(0, Math.min(length, file.size - position)) : length;
  if (size === 0) return new ArrayBuffer(0);
  const base64 = await FileSystem.readAsStringAsync(file.path, {
    encoding: FileSystem.EncodingType.Base64,
    position,
    length: size,
  });
  // Taro's RN base64ToArrayBuffer gives a Uint8Array, whatever its type says.
  const bytes = Taro.base64ToArrayBuffer(base64) as ArrayBuffer | Uint8Array;
  return bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
}

export async function readFileHead(file: PickedFileSource, length: number): Promise<ArrayBuffer | null> {
  return readFileRange(file, 0, length);
}
