import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Photo, Work } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { work } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, page, photo, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { PublishScreen } from './PublishScreen';

afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

const HEAD = (() => {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../upload/fixtures/exif-camera.jpg');
  const bytes = readFileSync(file);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
})();

const MINE = [photo(id('p1')), photo(id('p2')), photo(id('p3'))];

function renderPublish(answers: Record<string, Answer>, readHead = async (_url: string) => HEAD) {
  const done = { published: [] as Work[], mine: 0 };
  const detail = (p: Photo) => ({
    photo: p,
    uploaderName: '妈妈',
    previewUrl: null,
    originalUrl: `https://bucket.example.com/${p.id}.jpg`,
    downloadPath: `/download/${p.id}`,
    prevId: null,
    nextId: null,
    albumIds: [],
    urlsExpireAt: '2099-01-01T00:00:00.000Z',
  });
  const api = renderWithApi(
    <PublishScreen
      homeId={id('h1')}
      photoId={id('p1')}
      readHead={readHead}
      onPublished={(w) => done.published.push(w)}
      onOpenMyProfile={() => {
        done.mine += 1;
      }}
    />,
    { 'photos.get': () => detail(MINE[0] as Photo), 'photos.list': () => page(MINE), ...answers },
  );
  return { ...api, done };
}

async function fill(title: string) {
  fireEvent.input(await waitFor(() => element('#work-facts-title input')), { target: { value: title } });
  fireEvent.input(element('#work-facts-tag input'), { target: { value: '秋天 #Lake' } });
  fireEvent.click(element('#work-facts-tag-add'));
}

describe('PublishScreen', () => {
  it('publishes the photo with more of mine, the facts, and the EXIF shown when asked; then opens the work', async () => {
    const published = work('w1');
    const { callsTo, done } = renderPublish({ 'works.publish': () => published });
    await waitFor(() => expect(textOf('#work-facts-exif-preview')).toContain('SONY ILCE-7M3 · FE 35mm F1.8'));
    expect(textOf('#publish-notice')).toContain('计在你的存储账单上');
    expect(callsTo('photos.list')).toMatchObject([{ homeId: id('h1'), onlyMine: true }]);
    fireEvent.click(element('#publish-add'));
    fireEvent.click(await waitFor(() => element(`#publish-pick-${id('p3')}`)));
    fireEvent.click(element('#publish-picker-done'));
    await fill('Lake');
    fireEvent.click(await waitFor(() => element('#work-facts-exif input')));
    await waitFor(() => expect(textOf('#work-facts-exif-preview')).toContain('将显示'));
    fireEvent.click(element('#publish-submit'));
    await waitFor(() => expect(done.published).toEqual([published]));
    expect(callsTo('works.publish')).toEqual([
      {
        homeId: id('h1'),
        photoIds: [id('p1'), id('p3')],
        title: 'Lake',
        description: '',
        tags: ['秋天', 'lake'],
        showExif: true,
        exif: {
          camera: 'SONY ILCE-7M3',
          lens: 'FE 35mm F1.8',
          focalLength: '35mm',
          aperture: 'f/1.8',
          shutter: '1/250s',
          iso: 200,
        },
        place: null,
      },
    ]);
  });

  it('says it waits for review under pre-review', async () => {
    setLocale('en');
    const { done } = renderPublish({ 'works.publish': () => work('w1', { status: 'pending', isMine: true }) });
    await fill('Lake');
    fireEvent.click(element('#publish-submit'));
    await waitFor(() => expect(textOf('#publish-pending')).toContain('Sent, waiting for review'));
    fireEvent.click(element('#publish-open-mine'));
    expect(done.mine).toBe(1);
  });

  it('shows the server’s refusal (not the uploader) and keeps the form; no EXIF is claimed when it cannot be read', async () => {
    const { done } = renderPublish({ 'works.publish': () => Promise.reject(appError('WORK_NOT_YOURS')) }, () =>
      Promise.reject(new Error('unreachable')),
    );
    await waitFor(() => expect(textOf('#work-facts-exif-preview')).toBe('这张照片没有可读的相机参数。'));
    await fill('Lake');
    fireEvent.click(element('#publish-submit'));
    await waitFor(() => expect(textOf('#publish-problem')).toBe('发布失败：只能发布你自己上传的照片'));
    expect((element('#work-facts-title input') as HTMLInputElement).value).toBe('Lake');
    expect(done.published).toEqual([]);
  });
});
