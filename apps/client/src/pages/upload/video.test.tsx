import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home } from '../../../test/support/homes';
import { uploadTicketsFor } from '../../../test/support/upload';
import { isSessionLost } from '../../api/query';
import { setLocale } from '../../i18n';
import { createUploadQueue, type PickedFile, type UploadTransport } from '../../upload/queue';
import { UploadScreen } from './UploadScreen';

const clip: PickedFile = {
  path: 'wxfile://tmp/b.mp4',
  name: 'b.mp4',
  size: 1_000_000,
  mime: 'video/mp4',
  durationMs: 72_000,
  posterPath: 'wxfile://tmp/b-thumb.jpg',
};
const unknown: PickedFile = { path: 'blob:hevc', name: 'hevc.mov', size: 1_000, mime: 'video/quicktime' };
const still: PickedFile = { path: 'blob:a', name: 'a.jpg', size: 1_000, mime: 'image/jpeg' };

function row(name: string): Element {
  const found = [...document.querySelectorAll('.upload-item')].find(
    (item) => item.querySelector('.upload-item__name')?.textContent === name,
  );
  if (!found) throw new Error(`${name} is not listed`);
  return found;
}

describe('videos in the upload list', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it("shows a video's poster and length, a plain placeholder without one, and its progress like a photo's", async () => {
    const progress = new Map<string, (loaded: number) => void>();
    const transport: UploadTransport = {
      async createTickets(_homeId, files) {
        return uploadTicketsFor(files);
      },
      send: (_ticket, file, onProgress) => {
        progress.set(file.name, onProgress);
        return new Promise(() => {});
      },
      confirm: () => new Promise(() => {}),
    };
    const queue = createUploadQueue({ transport, isSessionLost });
    render(<UploadScreen home={home('h1', 'owner')} queue={queue} pickPhotos={async () => ({ files: [] })} />);
    act(() => {
      queue.add('h1', [clip, unknown, still]);
    });
    await waitFor(() => expect(progress.has('b.mp4')).toBe(true));
    await waitFor(() =>
      expect(row('b.mp4').querySelector('.upload-item__video img')?.getAttribute('src')).toBe(clip.posterPath),
    );
    expect(row('b.mp4').querySelector('.video-badge')?.textContent).toBe('▶1:12');
    expect(row('hevc.mov').querySelector('.video-placeholder')).not.toBeNull();
    expect(row('hevc.mov').querySelector('.video-badge')?.textContent).toBe('▶');
    expect(row('a.jpg').querySelector('.upload-item__video')).toBeNull();
    act(() => progress.get('b.mp4')?.(400_000));
    await waitFor(() => expect(row('b.mp4').querySelector('.upload-item__status')?.textContent).toBe('上传中 40%'));
    // A poster that will not load gives way to the placeholder.
    const poster = row('b.mp4').querySelector('.upload-item__video img');
    if (poster) fireEvent.error(poster);
    await waitFor(() => expect(row('b.mp4').querySelector('.video-placeholder')).not.toBeNull());
  });
});
