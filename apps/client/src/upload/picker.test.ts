import { describe, expect, it } from 'vitest';
import { mimeOf, pickLimit } from './picker';

describe('pickLimit', () => {
  it("is WeChat's 9 per pick in the mini-program and the app, none in a browser", () => {
    expect(pickLimit('weapp')).toBe(9);
    expect(pickLimit('rn')).toBe(9);
    expect(pickLimit('h5')).toBeNull();
  });
});

describe('mimeOf', () => {
  it("takes the platform's accepted type, else the extension's, else refuses", () => {
    expect(mimeOf('IMG_0001.HEIC', 'image/heic')).toBe('image/heic');
    expect(mimeOf('wx-temp/abc.JPG?x=1')).toBe('image/jpeg');
    expect(mimeOf('scan.png', 'application/octet-stream')).toBe('image/png');
    expect(mimeOf('notes.pdf', 'application/pdf')).toBeNull();
    expect(mimeOf('no-extension')).toBeNull();
  });
});
