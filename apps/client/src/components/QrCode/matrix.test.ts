import { describe, expect, it } from 'vitest';
import { darkRuns, qrMatrix, utf8Bytes } from './matrix';

const LINK = 'https://photos.example.com/pages/join/index?code=AbCdEfGhIjKlMnOpQrStUv';

/** The 7x7 finder pattern: a dark ring, a light ring, a dark 3x3 centre. */
function isFinder(matrix: boolean[][], top: number, left: number): boolean {
  for (let r = 0; r < 7; r += 1) {
    for (let c = 0; c < 7; c += 1) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      if (matrix[top + r]?.[left + c] !== (ring !== 2)) return false;
    }
  }
  return true;
}

describe('qrMatrix', () => {
  it('makes a square code of a legal size with the three finder patterns', () => {
    const matrix = qrMatrix(LINK);
    const size = matrix.length;
    expect((size - 17) % 4).toBe(0);
    expect(matrix.every((row) => row.length === size)).toBe(true);
    expect(isFinder(matrix, 0, 0)).toBe(true);
    expect(isFinder(matrix, 0, size - 7)).toBe(true);
    expect(isFinder(matrix, size - 7, 0)).toBe(true);
    expect(isFinder(matrix, size - 7, size - 7)).toBe(false);
  });

  it('fits an invite link in a small code (version 5 at level M: 37 modules)', () => {
    expect(qrMatrix(LINK).length).toBeLessThanOrEqual(37);
  });

  it('is the same for the same text, and differs for another code', () => {
    expect(qrMatrix(LINK)).toEqual(qrMatrix(LINK));
    expect(qrMatrix(LINK.replace('AbCd', 'ZyXw'))).not.toEqual(qrMatrix(LINK));
  });

  it('encodes text beyond Latin-1 as UTF-8 bytes', () => {
    expect(utf8Bytes('a家')).toBe(`a${String.fromCharCode(0xe5, 0xae, 0xb6)}`);
    expect(() => qrMatrix('https://小家.example/pages/join/index')).not.toThrow();
  });
});

describe('darkRuns', () => {
  it('finds each stretch of dark modules, at the edges too', () => {
    expect(darkRuns([true, true, false, true, false, false, true])).toEqual([
      { start: 0, length: 2 },
      { start: 3, length: 1 },
      { start: 6, length: 1 },
    ]);
    expect(darkRuns([false, false])).toEqual([]);
  });

  it('covers exactly the dark modules of every row of a real code', () => {
    for (const row of qrMatrix(LINK)) {
      const drawn = row.map(() => false);
      for (const run of darkRuns(row)) for (let i = run.start; i < run.start + run.length; i += 1) drawn[i] = true;
      expect(drawn).toEqual(row);
    }
  });
});
