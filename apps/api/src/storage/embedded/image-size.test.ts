import { describe, expect, it } from 'vitest';
import { parseFop } from './fop.js';
import { MAX_INPUT_PIXELS, planChain, type Size } from './image-size.js';

/** The planned result size of a fop on a source, or the refusal's message. */
function outcome(fop: string, source: Size, orientation = 1): Size | string {
  const parsed = parseFop(fop);
  if (parsed.kind !== 'image') throw new Error('expected an image fop');
  try {
    return planChain(parsed.steps, source, orientation).at(-1)?.output as Size;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('planChain: sizes before decoding, and Qiniu limits', () => {
  it('predicts what the resize modes give', () => {
    const photo = { width: 1200, height: 800 };
    expect(outcome('imageView2/2/w/200/h/200', photo)).toEqual({ width: 200, height: 133 });
    expect(outcome('imageView2/2/w/5000', photo)).toEqual(photo);
    expect(outcome('imageView2/1/w/120', photo)).toEqual({ width: 120, height: 120 });
    expect(outcome('imageView2/0/w/600/h/100', photo)).toEqual({ width: 150, height: 100 });
    expect(outcome('imageMogr2/thumbnail/!50p', photo)).toEqual({ width: 600, height: 400 });
    expect(outcome('imageMogr2/thumbnail/2400x', photo)).toEqual({ width: 2400, height: 1600 });
    expect(outcome('imageMogr2/thumbnail/2400x>', photo)).toEqual(photo);
    expect(outcome('imageMogr2/auto-orient/thumbnail/300x', { width: 600, height: 400 }, 6)).toEqual({
      width: 300,
      height: 450,
    });
    // A 45° turn of 1000x500 needs a 1061x1061 canvas, which the box then bounds.
    expect(outcome('imageMogr2/rotate/45', { width: 1000, height: 500 })).toEqual({ width: 1061, height: 1061 });
  });

  it('refuses enlargements past 9999 px an edge or 24,999,999 px in all', () => {
    const source = { width: 1000, height: 750 };
    expect(outcome('imageMogr2/thumbnail/9999x9999!', source)).toMatch(/result would be 9999x9999: at most 9999 px/);
    expect(outcome('imageMogr2/thumbnail/!1000p', source)).toMatch(/result would be 10000x7500/);
    expect(outcome('imageMogr2/thumbnail/!1000p', { width: 4000, height: 3000 })).toMatch(/40000x30000/);
    expect(outcome('imageMogr2/thumbnail/9999x', source)).toMatch(/9999x7499/);
    expect(outcome('imageMogr2/thumbnail/!9999x9999r', source)).toMatch(/13332x9999/);
    // Just inside: 5773 x 4330 = 24,997,090 px.
    expect(outcome('imageMogr2/thumbnail/5773x', source)).toEqual({ width: 5773, height: 4330 });
    // A chain is checked at every step, not only at its end.
    expect(outcome('imageMogr2/thumbnail/!1000p|imageView2/2/w/100', source)).toMatch(/10000x7500/);
  });

  it('refuses sources past 30,000 px an edge or 150 million px in all, and turns that need such a canvas', () => {
    expect(outcome('imageView2/2/w/100', { width: 30_001, height: 4 })).toMatch(/source image is 30001x4/);
    expect(outcome('imageView2/2/w/100', { width: 12_500, height: 12_500 })).toMatch(
      new RegExp(`${MAX_INPUT_PIXELS} px in all`),
    );
    expect(outcome('imageView2/2/w/100', { width: 30_000, height: 5_000 })).toEqual({ width: 100, height: 17 });
    expect(outcome('imageMogr2/rotate/45|imageView2/2/w/100', { width: 30_000, height: 5_000 })).toMatch(
      /turned image is 24749x24749/,
    );
  });
});
