import { TAG_MAX, WORK_TAGS_MAX, zPublishWorkInput } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { addTags, EMPTY_FACTS, exifLine, factsInput } from './facts';

describe('work facts', () => {
  it('turns typed words into normalized chips, once each', () => {
    expect(addTags([], '#Autumn 湖, autumn')).toEqual({ tags: ['autumn', '湖'], problem: null });
    expect(addTags(['autumn'], '  ')).toEqual({ tags: ['autumn'], problem: 'empty' });
    expect(addTags([], 'x'.repeat(TAG_MAX + 1)).problem).toBe('tooLong');
    const full = Array.from({ length: WORK_TAGS_MAX }, (_, n) => `t${n}`);
    expect(addTags(full, 'one-more')).toEqual({ tags: full, problem: 'tooMany' });
    expect(addTags(full, 't3').problem).toBeNull();
  });

  it('sends the EXIF only when shown and the place only when given, as the schema takes them', () => {
    const exif = { camera: 'X100V', iso: 200 };
    const facts = { ...EMPTY_FACTS, title: ' Lake ', tags: ['autumn'], place: '  ' };
    expect(factsInput(facts, exif)).toEqual({
      title: 'Lake',
      description: '',
      tags: ['autumn'],
      showExif: false,
      place: null,
    });
    const shown = factsInput({ ...facts, showExif: true, place: '西湖' }, exif);
    expect(shown).toMatchObject({ showExif: true, exif, place: '西湖' });
    expect(zPublishWorkInput.safeParse({ ...shown, photoIds: ['01900000-0000-7000-8000-000000000001'] }).success).toBe(
      true,
    );
    // Shown but nothing readable: nothing claimed.
    expect(factsInput({ ...facts, showExif: true }, null).showExif).toBe(false);
  });

  it('writes the EXIF line from what is known', () => {
    expect(
      exifLine({ camera: 'X100V', lens: '23mm', focalLength: '23mm', aperture: 'f/2', shutter: '1/250s', iso: 160 }),
    ).toBe('X100V · 23mm · 23mm f/2 1/250s ISO 160');
    expect(exifLine({ aperture: 'f/8' })).toBe('f/8');
    expect(exifLine(null)).toBe('');
  });
});
