/**
 * When a JPEG was taken, from its EXIF, read on the device before upload: the timeline orders and groups by
 * it (the server only knows the upload time otherwise, and never fetches from the user's bucket).
 *
 * Only what that needs: the APP1 "Exif" segment, its TIFF header (either byte order), IFD0 and the Exif
 * sub-IFD. Every read is bounds-checked; anything unexpected means "unknown", never an error.
 */

/** How much of a file to read: APP1 is at most 64 KiB and comes right after SOI (and maybe APP0). */
export const EXIF_HEAD_BYTES = 128 * 1024;

const TAG_DATE_TIME = 0x0132;
const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_DATE_TIME_DIGITIZED = 0x9004;
const TAG_OFFSET_TIME = 0x9010;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TAG_OFFSET_TIME_DIGITIZED = 0x9012;
const TAG_MAKE = 0x010f;
const TAG_MODEL = 0x0110;
const TAG_EXPOSURE_TIME = 0x829a;
const TAG_F_NUMBER = 0x829d;
const TAG_ISO = 0x8827;
const TAG_FOCAL_LENGTH = 0x920a;
const TAG_LENS_MODEL = 0xa434;
const TYPE_ASCII = 2;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_RATIONAL = 5;

/** The TIFF structure inside APP1: tags by IFD, values read lazily. */
class Tiff {
  constructor(
    private readonly view: DataView,
    private readonly start: number,
    private readonly little: boolean,
  ) {}

  static at(view: DataView, start: number): Tiff | null {
    const order = view.getUint16(start);
    if (order !== 0x4949 && order !== 0x4d4d) return null;
    const tiff = new Tiff(view, start, order === 0x4949);
    return tiff.u16(2) === 42 ? tiff : null;
  }

  private u16(offset: number): number {
    return this.view.getUint16(this.start + offset, this.little);
  }

  private u32(offset: number): number {
    return this.view.getUint32(this.start + offset, this.little);
  }

  firstIfd(): number {
    return this.u32(4);
  }

  /** The IFD at `offset` as tag → entry offset. */
  entries(offset: number): Map<number, number> {
    const tags = new Map<number, number>();
    const count = this.u16(offset);
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      tags.set(this.u16(entry), entry);
    }
    return tags;
  }

  long(entry: number | undefined): number | null {
    if (entry === undefined || this.u16(entry + 2) !== TYPE_LONG) return null;
    return this.u32(entry + 8);
  }

  short(entry: number | undefined): number | null {
    if (entry === undefined) return null;
    const type = this.u16(entry + 2);
    if (type === TYPE_SHORT) return this.u16(entry + 8);
    return type === TYPE_LONG ? this.u32(entry + 8) : null;
  }

  /** An unsigned rational (always at an offset: 8 bytes), or null for a zero denominator. */
  rational(entry: number | undefined): number | null {
    if (entry === undefined || this.u16(entry + 2) !== TYPE_RATIONAL) return null;
    const at = this.u32(entry + 8);
    const denominator = this.u32(at + 4);
    return denominator === 0 ? null : this.u32(at) / denominator;
  }

  ascii(entry: number | undefined): string | null {
    if (entry === undefined || this.u16(entry + 2) !== TYPE_ASCII) return null;
    const length = this.u32(entry + 4);
    if (length > 64) return null;
    // Up to 4 bytes sit in the entry itself, longer values at an offset from the TIFF header.
    const at = length <= 4 ? entry + 8 : this.u32(entry + 8);
    let text = '';
    for (let i = 0; i < length; i++) {
      const code = this.view.getUint8(this.start + at + i);
      if (code === 0) break;
      text += String.fromCharCode(code);
    }
    return text.trim();
  }
}

/** Where the TIFF header of the APP1 Exif segment starts, or null. */
function findTiff(view: DataView): number | null {
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    // Start of scan or end of image: no metadata after this point.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = view.getUint16(offset + 2);
    if (
      marker === 0xe1 &&
      offset + 10 <= view.byteLength &&
      view.getUint32(offset + 4) === 0x45786966 && // "Exif"
      view.getUint16(offset + 8) === 0
    ) {
      return offset + 10;
    }
    offset += 2 + length;
  }
  return null;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * An EXIF date ("2019:05:01 08:30:00") as an ISO instant: with its offset tag when the camera wrote one,
 * else as the device's local time (where the photo was most likely taken). Null for blanks, zeros and
 * impossible dates.
 */
export function exifDateToIso(date: string | null, offset: string | null): string | null {
  const parts = date ? EXIF_DATE.exec(date) : null;
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  const instant =
    offset && EXIF_OFFSET.test(offset)
      ? new Date(`${local}${offset}`)
      : new Date(year, month - 1, day, hour, minute, second);
  // Day 31 of a 30-day month rolls over: not a date the camera meant.
  if (Number.isNaN(instant.getTime()) || (!offset && instant.getDate() !== day)) return null;
  return instant.toISOString();
}

/** IFD0 and the Exif sub-IFD of a JPEG's head, or null without EXIF. */
function exifIfds(bytes: ArrayBuffer): { tiff: Tiff; ifd0: Map<number, number>; exif: Map<number, number> } | null {
  const view = new DataView(bytes);
  const start = findTiff(view);
  const tiff = start === null ? null : Tiff.at(view, start);
  if (!tiff) return null;
  const ifd0 = tiff.entries(tiff.firstIfd());
  const exifOffset = tiff.long(ifd0.get(TAG_EXIF_IFD));
  return { tiff, ifd0, exif: exifOffset === null ? new Map<number, number>() : tiff.entries(exifOffset) };
}

/** The camera, lens and exposure as a work shows them (publish), each only when the EXIF has it. */
export interface CameraFacts {
  camera?: string;
  lens?: string;
  focalLength?: string;
  aperture?: string;
  shutter?: string;
  iso?: number;
}

const trimmed = (n: number) => String(Math.round(n * 10) / 10);

/** "1/250s" under a second, "2s" / "1.3s" above. */
function shutterText(seconds: number): string {
  return seconds >= 1 ? `${trimmed(seconds)}s` : `1/${Math.round(1 / seconds)}s`;
}

/**
 * What the camera wrote about itself and the exposure, or null when the head has no EXIF. The model
 * usually repeats the make ("Canon" / "Canon EOS R6"): then the model alone.
 */
export function exifCamera(bytes: ArrayBuffer): CameraFacts | null {
  try {
    const ifds = exifIfds(bytes);
    if (!ifds) return null;
    const { tiff, ifd0, exif } = ifds;
    const make = tiff.ascii(ifd0.get(TAG_MAKE)) ?? '';
    const model = tiff.ascii(ifd0.get(TAG_MODEL)) ?? '';
    const camera = model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`.trim();
    const focal = tiff.rational(exif.get(TAG_FOCAL_LENGTH));
    const fNumber = tiff.rational(exif.get(TAG_F_NUMBER));
    const exposure = tiff.rational(exif.get(TAG_EXPOSURE_TIME));
    const iso = tiff.short(exif.get(TAG_ISO));
    const lens = tiff.ascii(exif.get(TAG_LENS_MODEL));
    const facts: CameraFacts = {
      ...(camera ? { camera } : {}),
      ...(lens ? { lens } : {}),
      ...(focal ? { focalLength: `${trimmed(focal)}mm` } : {}),
      ...(fNumber ? { aperture: `f/${trimmed(fNumber)}` } : {}),
      ...(exposure ? { shutter: shutterText(exposure) } : {}),
      ...(iso ? { iso } : {}),
    };
    return Object.keys(facts).length > 0 ? facts : null;
  } catch {
    return null;
  }
}

/** When the photo was taken per its EXIF (original, else digitized, else file date), or null. */
export function exifTakenAt(bytes: ArrayBuffer): string | null {
  try {
    const ifds = exifIfds(bytes);
    if (!ifds) return null;
    const { tiff, ifd0, exif } = ifds;
    const candidates: [number | undefined, number | undefined][] = [
      [exif.get(TAG_DATE_TIME_ORIGINAL), exif.get(TAG_OFFSET_TIME_ORIGINAL)],
      [exif.get(TAG_DATE_TIME_DIGITIZED), exif.get(TAG_OFFSET_TIME_DIGITIZED)],
      [ifd0.get(TAG_DATE_TIME), exif.get(TAG_OFFSET_TIME)],
    ];
    for (const [dateEntry, offsetEntry] of candidates) {
      const taken = exifDateToIso(tiff.ascii(dateEntry), tiff.ascii(offsetEntry));
      if (taken) return taken;
    }
    return null;
  } catch {
    // A truncated or corrupt segment (RangeError from DataView): the date is simply unknown.
    return null;
  }
}
