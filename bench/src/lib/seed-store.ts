/**
 * Real objects for seeded photos in the embedded store, so a browser's thumbnails load: a handful of small
 * JPEGs are written as data files, and every photo's key is entered in the store's index pointing at one
 * of them. Keys that share a data file share its derived thumbnail too (cache/<data file>/…), so the store
 * renders each picture once and then serves it from disk, as it serves a library whose thumbnails were
 * made long ago; tens of thousands of first-time renders would be a bench of the store, not of the client.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Catalog } from '../../../apps/api/src/storage/embedded/catalog.js';
import { dataFilePath, ensureDataDir, newFileId, storePaths } from '../../../apps/api/src/storage/embedded/context.js';
import { qetag } from '../../../apps/api/src/storage/qetag.js';

export interface StoredImage {
  jpeg: Buffer;
  width: number;
  height: number;
}

interface DataFile extends StoredImage {
  file: string;
  hash: string;
  md5: string;
}

export interface SeedStore {
  /** Enters `key` in the index, holding the i-th picture (round robin); returns its size for the photo row. */
  put(key: string, i: number): { width: number; height: number };
  close(): void;
}

/** The store of `dataDir` (its default place, `<data dir>/objects`) with `images` written as data files. */
export async function openSeedStore(dataDir: string, images: readonly StoredImage[]): Promise<SeedStore> {
  if (images.length === 0) throw new Error('openSeedStore needs at least one image');
  const paths = storePaths(path.join(dataDir, 'objects'));
  const files: DataFile[] = [];
  for (const image of images) {
    const file = newFileId();
    await ensureDataDir(paths, file);
    await writeFile(dataFilePath(paths, file), image.jpeg);
    files.push({ ...image, file, hash: qetag(image.jpeg), md5: createHash('md5').update(image.jpeg).digest('hex') });
  }
  const catalog = new Catalog(path.join(paths.root, 'index.sqlite'));
  const putTime = Date.now() * 10_000;
  return {
    put(key, i) {
      const data = files[i % files.length] as DataFile;
      catalog.insert({
        key,
        file: data.file,
        fsize: data.jpeg.length,
        hash: data.hash,
        md5: data.md5,
        mimeType: 'image/jpeg',
        putTime,
        width: data.width,
        height: data.height,
        endUser: null,
      });
      return { width: data.width, height: data.height };
    },
    close: () => catalog.close(),
  };
}
