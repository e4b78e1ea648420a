import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { photo } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { PhotoGrid } from './index';

const clipId = '0190a000-0000-7000-8000-0000000000a1';
const stillId = '0190a000-0000-7000-8000-0000000000a2';
const now = new Date('2026-05-03T13:00:00.000Z');

function video(durationMs: number | null, thumbUrl = `https://img.example.com/${clipId}-poster.jpg`) {
  return { ...photo(clipId, '2026-05-03T12:00:00.000Z'), mime: 'video/mp4', durationMs, thumbUrl };
}
const still = photo(stillId, '2026-05-03T08:00:00.000Z');

function cell(id: string): Element {
  const found = document.querySelector(`#photo-${id}`);
  if (!found) throw new Error(`photo ${id} not rendered`);
  return found;
}

describe('a video in the grid', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows its poster with a play glyph and its length; a photo has neither', async () => {
    render(<PhotoGrid photos={[video(12_400), still]} width={300} now={now} />);
    await waitFor(() =>
      expect(cell(clipId).querySelector('img')?.getAttribute('src')).toBe(
        `https://img.example.com/${clipId}-poster.jpg`,
      ),
    );
    expect(cell(clipId).querySelector('.video-badge')?.textContent).toBe('▶0:12');
    expect(cell(clipId).querySelector('.video-badge')?.getAttribute('aria-label')).toBe('视频 0:12');
    expect(cell(stillId).querySelector('.video-badge')).toBeNull();
  });

  it('shows just the glyph when the length is unknown, and hours when there are some', () => {
    render(<PhotoGrid photos={[video(null)]} width={300} now={now} />);
    expect(cell(clipId).querySelector('.video-badge')?.textContent).toBe('▶');
    cleanup();
    render(<PhotoGrid photos={[video(3_723_000)]} width={300} now={now} />);
    expect(cell(clipId).querySelector('.video-badge__duration')?.textContent).toBe('1:02:03');
  });

  it('puts a plain video placeholder where the poster failed, and tries a fresh URL again', async () => {
    const onThumbError = vi.fn();
    const { rerender } = render(
      <PhotoGrid photos={[video(2_000)]} width={300} now={now} onThumbError={onThumbError} />,
    );
    const img = await waitFor(() => {
      const found = cell(clipId).querySelector('img');
      if (!found) throw new Error('no poster yet');
      return found;
    });
    fireEvent.error(img);
    await waitFor(() => expect(cell(clipId).querySelector('.video-placeholder')).not.toBeNull());
    expect(cell(clipId).querySelector('img')).toBeNull();
    expect(cell(clipId).querySelector('.video-placeholder')?.textContent).toBe('▶视频');
    // The badge stays: the cell is still plainly a video of two seconds.
    expect(cell(clipId).querySelector('.video-badge')?.textContent).toBe('▶0:02');
    expect(onThumbError).toHaveBeenCalledTimes(1);
    // The owner fetched the list again: the new signed URL gets its chance.
    rerender(
      <PhotoGrid
        photos={[video(2_000, `https://img.example.com/${clipId}-poster.jpg?e=2`)]}
        width={300}
        now={now}
        onThumbError={onThumbError}
      />,
    );
    await waitFor(() => expect(cell(clipId).querySelector('img')).not.toBeNull());
    expect(cell(clipId).querySelector('.video-placeholder')).toBeNull();
  });

  it('says a failed photo thumbnail is for its owner to refetch, without a video placeholder', async () => {
    const onThumbError = vi.fn();
    render(<PhotoGrid photos={[still]} width={300} now={now} onThumbError={onThumbError} />);
    const img = await waitFor(() => {
      const found = cell(stillId).querySelector('img');
      if (!found) throw new Error('no thumbnail yet');
      return found;
    });
    fireEvent.error(img);
    expect(onThumbError).toHaveBeenCalledTimes(1);
    expect(cell(stillId).querySelector('.video-placeholder')).toBeNull();
  });

  it('names a video in English too', () => {
    setLocale('en');
    render(
      <PhotoGrid photos={[{ ...video(2_000), thumbUrl: null, availability: 'ok' as const }]} width={300} now={now} />,
    );
    expect(cell(clipId).querySelector('.video-placeholder')?.textContent).toBe('▶Video');
    expect(cell(clipId).querySelector('.video-badge')?.getAttribute('aria-label')).toBe('Video 0:02');
  });
});
