/**
 * Content sniffing for `detectMime`: the type comes from the first bytes of the file, not from what the
 * client declared, so a mimeLimit of `image/*` cannot be passed by renaming a file. Covers what a family
 * album meets (photos, videos, audio, a few documents); anything else is text/plain when it is clean UTF-8
 * and application/octet-stream otherwise.
 */

/** How many leading bytes detection needs. */
export const SNIFF_BYTES = 4100;

function ascii(head: Buffer, start: number, end: number): string {
  return head.subarray(start, end).toString('latin1');
}

function startsWith(head: Buffer, bytes: number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

const FTYP_BRANDS: Array<[RegExp, string]> = [
  [/^(heic|heix|heim|heis)$/, 'image/heic'],
  [/^(hevc|hevx|hevm|hevs)$/, 'image/heic-sequence'],
  [/^(mif1|msf1)$/, 'image/heif'],
  [/^(avif|avis)$/, 'image/avif'],
  [/^qt {2}$/, 'video/quicktime'],
  [/^3g2/, 'video/3gpp2'],
  [/^3g/, 'video/3gpp'],
  [/^(M4A |M4B )$/, 'audio/mp4'],
  [/^(crx )$/, 'image/x-canon-cr3'],
];

/** ISO base media files (MP4, MOV, HEIC, AVIF): `....ftyp<brand>`. */
function sniffFtyp(head: Buffer): string | null {
  if (head.length < 12 || ascii(head, 4, 8) !== 'ftyp') return null;
  const brand = ascii(head, 8, 12);
  for (const [pattern, type] of FTYP_BRANDS) if (pattern.test(brand)) return type;
  return 'video/mp4';
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  if (head.includes(0)) return false;
  // A multi-byte character may be cut at the end of the sample; ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= Math.min(3, head.length - 1); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

/** The MIME type the bytes say they are. */
export function sniffMime(head: Buffer): string {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return 'image/webp';
    if (form === 'WAVE') return 'audio/wav';
    if (form === 'AVI ') return 'video/x-msvideo';
  }
  const ftyp = sniffFtyp(head);
  if (ftyp) return ftyp;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26 && head.readUInt32LE(14) >= 12) return 'image/bmp';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return head.includes(Buffer.from('webm')) ? 'video/webm' : 'video/x-matroska';
  }
  if (ascii(head, 0, 3) === 'ID3' || (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) {
    return 'audio/mpeg';
  }
  if (ascii(head, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(head, [0x1f, 0x8b])) return 'application/gzip';
  if (looksLikeText(head)) {
    const start = head.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg'))) return 'image/svg+xml';
    if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'text/html';
    if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
    return 'text/plain';
  }
  return 'application/octet-stream';
}

/** Types sharp can read for imageInfo, imageView2 and imageMogr2. */
export function isProcessableImage(mime: string): boolean {
  return ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/avif', 'image/heif'].includes(
    mime,
  );
}

/**
 * Kodo's detectMime: 1 sniffs always, 0 sniffs only when the client declared nothing useful, -1 never.
 * `head` is at least the first SNIFF_BYTES of the file (or all of it).
 */
export function resolveMime(declaredMime: string, detectMime: -1 | 0 | 1, head: Buffer): string {
  const declared = declaredMime.split(';')[0]?.trim().toLowerCase() ?? '';
  // busboy reports text/plain for a file part that declared no type, so that value says nothing either.
  const declaredUseful = declared !== '' && declared !== 'application/octet-stream' && declared !== 'text/plain';
  if (detectMime === 1 || (detectMime === 0 && !declaredUseful)) return sniffMime(head.subarray(0, SNIFF_BYTES));
  return declared || 'application/octet-stream';
}
