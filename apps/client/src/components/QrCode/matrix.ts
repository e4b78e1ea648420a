/**
 * A QR code as a matrix of dark/light modules, from the pure-JS `qrcode-generator` (no canvas, no native
 * module, so the same code runs on H5 and RN), and the dark runs of each row that the component draws as
 * a few wide Views instead of one View per module.
 */
import qrcode from 'qrcode-generator';

export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/** UTF-8 bytes as a string of char codes 0-255: the encoder's byte mode takes one byte per character. */
export function utf8Bytes(text: string): string {
  return encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** The smallest QR code that holds `text` at error-correction `level`: rows of modules, true = dark. */
export function qrMatrix(text: string, level: QrLevel = 'M'): boolean[][] {
  const code = qrcode(0, level);
  code.addData(utf8Bytes(text), 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => code.isDark(row, col)));
}

export interface Run {
  start: number;
  length: number;
}

/** The stretches of dark modules in one row, left to right. */
export function darkRuns(row: readonly boolean[]): Run[] {
  const runs: Run[] = [];
  let start = -1;
  row.forEach((dark, index) => {
    if (dark && start < 0) start = index;
    if (!dark && start >= 0) {
      runs.push({ start, length: index - start });
      start = -1;
    }
  });
  if (start >= 0) runs.push({ start, length: row.length - start });
  return runs;
}
