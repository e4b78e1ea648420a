import { describe, expect, it } from 'vitest';
import { ExportNames, safeFileName } from './export-names.js';

describe('export names', () => {
  it('dates each photo and keeps its name readable', () => {
    const names = new ExportNames();
    expect(names.pathFor('IMG_0001.jpg', '2024-05-01T08:30:00.000Z')).toBe('2024/2024-05-01 IMG_0001.jpg');
    expect(names.pathFor('全家福.jpg', '2025-01-31T23:59:59.000Z')).toBe('2025/2025-01-31 全家福.jpg');
  });

  it('makes names unique, ignoring case, before the extension', () => {
    const names = new ExportNames();
    const at = '2024-05-01T00:00:00.000Z';
    expect([names.pathFor('a.jpg', at), names.pathFor('A.jpg', at), names.pathFor('a.jpg', at)]).toEqual([
      '2024/2024-05-01 a.jpg',
      '2024/2024-05-01 A (2).jpg',
      '2024/2024-05-01 a (3).jpg',
    ]);
  });

  it('never climbs out of its folder nor keeps characters file systems refuse', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a:b*c?"d<e>f|g\\h\u0000.png')).toBe('a_b_c__d_e_f_g_h_.png');
    expect(safeFileName('...')).toBe('photo');
    expect(safeFileName('  .hidden.jpg ')).toBe('hidden.jpg');
  });

  it('fits the tar header, cutting long names between characters and keeping the extension', () => {
    const long = `${'照'.repeat(60)}.jpeg`;
    const safe = safeFileName(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(72);
    expect(safe.endsWith('.jpeg')).toBe(true);
    expect(safe).not.toContain('\ufffd');
    const names = new ExportNames();
    for (let i = 0; i < 12; i++) {
      expect(Buffer.byteLength(names.pathFor(long, '2024-05-01T00:00:00.000Z'))).toBeLessThanOrEqual(100);
    }
  });
});
