import { describe, expect, it } from 'vitest';
import { fitWithin } from './derivative-fit';
import { compressScale, derivativeRoute } from './derivative-route';

describe('which way WeChat makes a derivative', () => {
  it('compresses JPEG, draws PNG/WebP/GIF/BMP on a canvas, and makes none of HEIC or the unknown', () => {
    expect(derivativeRoute('jpeg')).toBe('compress');
    expect(derivativeRoute('JPG')).toBe('compress');
    for (const type of ['png', 'webp', 'gif', 'bmp', 'PNG']) expect(derivativeRoute(type)).toBe('canvas');
    for (const type of ['heic', 'heif', 'tiff', 'unknown', '']) expect(derivativeRoute(type)).toBe('none');
  });
});

describe('what compressImage is asked to scale', () => {
  it('gives the longer side only, and nothing for a picture that already fits', () => {
    const wide = { width: 4000, height: 3000 };
    expect(compressScale(wide, fitWithin(4000, 3000, 480))).toEqual({ compressedWidth: 480 });
    const tall = { width: 3000, height: 4000 };
    expect(compressScale(tall, fitWithin(3000, 4000, 480))).toEqual({ compressedHeight: 480 });
    const small = { width: 300, height: 200 };
    expect(compressScale(small, fitWithin(300, 200, 480))).toEqual({});
  });
});
