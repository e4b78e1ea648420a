import { afterEach, describe, expect, it } from 'vitest';
import { measureElement } from './page-scroll';

describe('measureElement on H5', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
  });

  it('reads the box from the DOM at once: on the screen, and from the top of the scrolled page', async () => {
    const grid = document.createElement('div');
    grid.id = 'timeline-grid';
    grid.getBoundingClientRect = () => ({ top: -380, height: 9000 }) as DOMRect;
    document.body.append(grid);
    Object.defineProperty(window, 'scrollY', { value: 500, configurable: true });
    expect(await measureElement('timeline-grid')).toEqual({ screenTop: -380, pageTop: 120, height: 9000 });
  });

  it('answers null, without throwing, for an element that is not there (the page was left meanwhile)', async () => {
    expect(await measureElement('timeline-grid')).toBeNull();
  });
});
