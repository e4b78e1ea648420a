/**
 * Readable, safe and unique paths for an export's files: `2024/2024-05-01 IMG_0001.jpg`, dated by when the
 * photo was taken (else uploaded), in UTC. Names never climb out of the archive's folder, never hold
 * characters a phone's or a PC's file system refuses, and fit the tar header's 100 bytes.
 */

/** Bytes left for the original name after "yyyy/yyyy-mm-dd " and room for a " (n)" to make it unique. */
const NAME_BYTES_MAX = 72;
/** An extension is kept when it is this short (".jpeg", ".heic"), else it is just part of the name. */
const EXTENSION_MAX = 10;

// Path separators, characters Windows refuses, and control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

function splitExtension(name: string): [stem: string, extension: string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= EXTENSION_MAX ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** A file name safe on every file system, at most `maxBytes` long, keeping its extension. */
export function safeFileName(name: string, fallback = 'photo', maxBytes = NAME_BYTES_MAX): string {
  const cleaned = name
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const [stem, extension] = splitExtension(cleaned || fallback);
  return `${cutToBytes(stem, maxBytes - Buffer.byteLength(extension)) || fallback}${extension}`;
}

/** Hands out paths for one archive, each different from the others (ignoring case, as many file systems do). */
export class ExportNames {
  private readonly taken = new Set<string>();

  /** `at` is an ISO-8601 UTC time: the photo's folder and date prefix. */
  pathFor(filename: string, at: string): string {
    const day = at.slice(0, 10);
    const [stem, extension] = splitExtension(safeFileName(filename));
    for (let n = 1; ; n++) {
      const path = `${day.slice(0, 4)}/${day} ${stem}${n === 1 ? '' : ` (${n})`}${extension}`;
      if (!this.taken.has(path.toLowerCase())) {
        this.taken.add(path.toLowerCase());
        return path;
      }
    }
  }
}
