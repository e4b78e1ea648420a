import { describe, expect, it } from 'vitest';
import { remember, take } from './handoff';

const photo = { id: 'p1', thumbUrl: 'https://store/p1?thumb', width: 1600, height: 1200 };

describe('thumbnail handoff from the grid to the viewer', () => {
  it('gives the viewer the thumbnail and size of the photo it opens', () => {
    remember({ ...photo, filename: 'extra fields are not kept' } as typeof photo);
    expect(take('p1')).toEqual(photo);
  });

  it('gives it once, and nothing for another photo (a shared link, a stale handoff)', () => {
    remember(photo);
    expect(take('p2')).toBeNull();
    expect(take('p1')).toBeNull();
    remember(photo);
    take('p1');
    expect(take('p1')).toBeNull();
  });
});
