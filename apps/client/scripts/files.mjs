/** Small file helpers shared by the build scripts, so every script reports sizes the same way. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, recursively, as full paths. */
export function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
