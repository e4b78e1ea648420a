/**
 * React Native's way to the first bytes of a picked file (see file-head.ts): Taro's RN file API has no
 * partial read; expo-file-system has one, in base64. The picker gives a file:// URI in the app's cache.
 */
import Taro from '@tarojs/taro';
import * as FileSystem from 'expo-file-system';
import type { PickedFileSource } from './file-head';

export type { PickedFileSource } from './file-head';

export async function readFileHead(file: PickedFileSource, length: number): Promise<ArrayBuffer | null> {
  // No more than the file holds where the picker said its size (Android pads a short read with zeros).
  const size = Number.isFinite(file.size) && file.size > 0 ? Math.min(length, file.size) : length;
  const base64 = await FileSystem.readAsStringAsync(file.path, {
    encoding: FileSystem.EncodingType.Base64,
    position: 0,
    length: size,
  });
  // Taro's RN base64ToArrayBuffer gives a Uint8Array, whatever its type says.
  const bytes = Taro.base64ToArrayBuffer(base64) as ArrayBuffer | Uint8Array;
  return bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
}
