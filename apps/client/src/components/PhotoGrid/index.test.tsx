import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { photo } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { PhotoGrid } from './index';

const ids = [
  '0190a000-0000-7000-8000-000000000001',
  '0190a000-0000-7000-8000-000000000002',
  '0190a000-0000-7000-8000-000000000003',
];
const photos = [
  photo(ids[0] ?? '', '2026-05-03T12:00:00.000Z'),
  photo(ids[1] ?? '', '2026-05-03T08:00:00.000Z'),
  { ...photo(ids[2] ?? '', '2026-05-01T12:00:00.000Z'), availability: 'unbound' as const, thumbUrl: null },
];
const now = new Date('2026-05-03T13:00:00.000Z');

function cell(id: string): Element {
  const found = document.querySelector(`#photo-${id}`);
  if (!found) throw new Error(`photo ${id} not rendered`);
  return found;
}

describe('PhotoGrid', () => {
  beforeAll(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows day headers, placeholders shaped like the photos, and the unbound note', () => {
    render(<PhotoGrid photos={photos} width={300} targetRowHeight={100} now={now} />);
    const days = [...document.querySelectorAll('.photo-grid__day-text')].map((n) => n.textContent);
    expect(days).toHaveLength(2);
    expect(days[1]).toMatch(/^5月1日|^5月2日/);
    const style = (cell(ids[0] ?? '') as HTMLElement).style;
    // A 4:3 photo in a 100 px row is about 133 px wide.
    expect(Number.parseInt(style.width, 10)).toBeGreaterThan(120);
    expect(cell(ids[2] ?? '').textContent).toBe('存储已解绑');
  });

  it("paints a photo's ThumbHash colours in its cell while the thumbnail loads", () => {
    // A well-formed ThumbHash (it decodes to a picture: placeholder.test.ts checks the decoding itself).
    const hash = '3OcRJYB4d3h/iIeHeEh3eIhw+j3A';
    render(<PhotoGrid photos={[{ ...photos[0], thumbhash: hash } as (typeof photos)[0]]} width={300} now={now} />);
    const style = (cell(ids[0] ?? '') as HTMLElement).style;
    expect(style.backgroundColor).toMatch(/^rgb\(/);
    expect(style.backgroundImage).toContain('data:image/png;base64,');
  });

  it('puts sparse days side by side under short headers, and gives a day alone its full header', () => {
    const sparse = [
      photo('0190a000-0000-7000-8000-000000000011', '2026-04-20T04:00:00.000Z'),
      photo('0190a000-0000-7000-8000-000000000012', '2026-04-12T04:00:00.000Z'),
      ...Array.from({ length: 6 }, (_, i) =>
        photo(`0190a000-0000-7000-8000-00000000002${i}`, '2026-04-05T04:00:00.000Z'),
      ),
      photo('0190a000-0000-7000-8000-000000000013', '2026-04-01T04:00:00.000Z'),
    ];
    render(<PhotoGrid photos={sparse} width={390} targetRowHeight={120} now={now} />);
    const shared = [...document.querySelectorAll('.photo-grid__block--shared')].map((block) =>
      [...block.querySelectorAll('.photo-grid__day-text')].map((n) => n.textContent),
    );
    expect(shared).toEqual([['4月20日', '4月12日'], ['4月1日 星期三']]);
    expect(document.querySelector('.photo-grid__block--day')?.textContent).toBe('4月5日 星期日');
  });

  it('opens a photo on tap', () => {
    const onOpen = vi.fn();
    render(<PhotoGrid photos={photos} width={300} now={now} onOpen={onOpen} />);
    fireEvent.click(cell(ids[1] ?? ''));
    expect(onOpen).toHaveBeenCalledWith(photos[1]);
  });

  it('renders only the photos near the viewport, however many there are, and follows the scroll', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      photo(
        `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        new Date(Date.UTC(2026, 4, 3) - i * 3_600_000).toISOString(),
      ),
    );
    render(<PhotoGrid photos={many} width={390} targetRowHeight={120} now={now} />);
    const grid = document.querySelector('#photo-grid') as HTMLElement;
    // The whole grid's height is there (so the page scrolls over all of it), the cells of a few screens only.
    expect(Number.parseInt(grid.style.height, 10)).toBeGreaterThan((2000 / 3) * 90);
    const first = document.querySelectorAll('.photo-grid__cell').length;
    expect(first).toBeGreaterThan(10);
    expect(first).toBeLessThan(120);
    expect(document.querySelector(`#photo-${many[0]?.id}`)).not.toBeNull();

    Object.defineProperty(window, 'scrollY', { value: 40_000, configurable: true });
    act(() => {
      window.dispatchEvent(new Event('scroll'));
    });
    const cells = [...document.querySelectorAll('.photo-grid__cell')] as HTMLElement[];
    expect(cells.length).toBeLessThan(120);
    expect(document.querySelector(`#photo-${many[0]?.id}`)).toBeNull();
    // What is rendered is around the scrolled-to place.
    const tops = cells.map((c) => Number.parseInt((c.parentElement as HTMLElement).style.top, 10));
    expect(Math.min(...tops)).toBeGreaterThan(40_000 - 2000);
    expect(Math.max(...tops)).toBeLessThan(40_000 + 3000);
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
  });

  it('toggles the selection on tap in select mode instead of opening', () => {
    const onOpen = vi.fn();
    const onSelectionChange = vi.fn();
    const { rerender } = render(
      <PhotoGrid
        photos={photos}
        width={300}
        now={now}
        onOpen={onOpen}
        selectable
        selectedIds={[]}
        onSelectionChange={onSelectionChange}
      />,
    );
    fireEvent.click(cell(ids[1] ?? ''));
    expect(onSelectionChange).toHaveBeenLastCalledWith([ids[1]]);
    rerender(
      <PhotoGrid
        photos={photos}
        width={300}
        now={now}
        onOpen={onOpen}
        selectable
        selectedIds={[ids[1] ?? '']}
        onSelectionChange={onSelectionChange}
      />,
    );
    expect(cell(ids[1] ?? '').className).toContain('photo-grid__cell--selected');
    fireEvent.click(cell(ids[1] ?? ''));
    expect(onSelectionChange).toHaveBeenLastCalledWith([]);
    expect(onOpen).not.toHaveBeenCalled();
  });
});
