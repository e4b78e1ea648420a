import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { myWorkCard, workCard } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { setLocale } from '../../i18n';
import { WorkWaterfall } from '.';

afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

describe('WorkWaterfall', () => {
  it('renders only the cards near the viewport of a long feed, with the whole height reserved', () => {
    const works = Array.from({ length: 600 }, (_, n) => workCard(`m${n}`));
    render(<WorkWaterfall id="wf" works={works} onOpen={() => undefined} width={343} />);
    const rendered = document.querySelectorAll('.waterfall__card').length;
    expect(rendered).toBeGreaterThan(4);
    expect(rendered).toBeLessThan(60);
    // 600 cards of 163 px covers (+58 caption, +8 gap) in two columns: about 300 a column.
    const height = Number.parseInt((document.querySelector('#wf') as HTMLElement).style.height, 10);
    expect(height).toBeGreaterThan(299 * 300);
  });

  it('badges one’s own works that are not published, and opens a card', () => {
    setLocale('en');
    const opened: string[] = [];
    const works = [
      myWorkCard('p1', { status: 'pending' }),
      myWorkCard('p2', { status: 'rejected', reviewReason: 'blurry' }),
      myWorkCard('p3'),
    ];
    render(<WorkWaterfall id="wf" works={works} onOpen={(w) => opened.push(w.id)} width={343} />);
    const status = (w: (typeof works)[number]) =>
      document.querySelector(`#work-card-${w.id} .waterfall__status`)?.textContent ?? null;
    expect(works.map(status)).toEqual(['In review', 'Rejected', null]);
    fireEvent.click(document.querySelector(`#work-card-${id('p3')}`) as HTMLElement);
    expect(opened).toEqual([id('p3')]);
  });
});
