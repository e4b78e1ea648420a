import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { home } from '../../../test/support/homes';
import { deferred } from '../../../test/support/upload';
import { isSessionLost } from '../../api/query';
import { setLocale } from '../../i18n';
import { pickedFileOf } from '../../upload/picker';
import { createUploadQueue, FileRejected, type PickedFile, type UploadTransport } from '../../upload/queue';
import { UploadScreen } from './UploadScreen';

/** A picked browser File, as Taro's H5 chooseImage hands it over (its size told, its bytes never read here). */
function picked(name: string, size: number, type = 'image/jpeg'): PickedFile {
  const file = Object.defineProperty(Object.assign(new Blob([], { type }), { name }), 'size', { value: size });
  return pickedFileOf({ path: `blob:${name}`, size, originalFileObj: file });
}

/** Nothing leaves the device in these tests: tickets are asked for and recorded, sends never finish. */
function idleTransport() {
  const batches: string[][] = [];
  const transport: UploadTransport = {
    async createTickets(_homeId, files) {
      batches.push(files.map((f) => f.filename));
      return files.map((f) => ({
        kind: 'upload' as const,
        key: `k/${f.filename}`,
        uploadUrl: 'https://up.example/',
        fields: { token: 't', key: `k/${f.filename}` },
        expiresAt: '2030-01-01T00:00:00.000Z',
      }));
    },
    send: () => new Promise(() => {}),
    confirm: () => new Promise(() => {}),
  };
  return { transport, batches };
}

function statuses(): [string | null, string | null][] {
  return [...document.querySelectorAll('.upload-item')].map((row) => [
    row.querySelector('.upload-item__name')?.textContent ?? null,
    row.querySelector('.upload-item__status')?.textContent ?? null,
  ]);
}

describe('upload screen', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => {
    cleanup();
    setLocale('zh-CN');
  });

  it('lists every picked file at once, and each that cannot go with its reason, in Chinese and English', async () => {
    const reads = new Map<string, ReturnType<typeof deferred<PickedFile>>>();
    const net = idleTransport();
    const queue = createUploadQueue({
      transport: net.transport,
      isSessionLost,
      prepare: (file) => {
        const read = deferred<PickedFile>();
        reads.set(file.name, read);
        return read.promise;
      },
    });
    const files = [
      picked('a.jpg', 3_400_000),
      picked('empty.jpg', 0),
      picked('notes.pdf', 10, 'application/pdf'),
      picked('huge.jpg', 5 * 1024 ** 3),
      picked('corrupt.jpg', 2000),
      picked('b.jpg', 40_000_000),
    ];
    render(<UploadScreen home={home('h1', 'member')} queue={queue} pickPhotos={async () => ({ files })} />);
    fireEvent.click(document.querySelector('#pick-album') as Element);
    await waitFor(() => expect(statuses()).toHaveLength(6));
    // No read has resolved: the readable files are preparing, the others already say why.
    expect(statuses()).toEqual([
      ['a.jpg', '准备中'],
      ['empty.jpg', '不能上传：这是个空文件（0 字节）'],
      ['notes.pdf', '不能上传：不支持这种文件，可以上传 JPEG、PNG、WebP、HEIC、GIF 照片'],
      ['huge.jpg', '不能上传：文件太大，最大 4.00 GB'],
      ['corrupt.jpg', '准备中'],
      ['b.jpg', '准备中'],
    ]);
    expect([...reads.keys()]).toEqual(['a.jpg']);
    expect(net.batches).toEqual([]);

    await act(async () => {
      reads.get('a.jpg')?.resolve(files[0] as PickedFile);
      await Promise.resolve();
    });
    await waitFor(() => expect(reads.has('corrupt.jpg')).toBe(true));
    await act(async () => {
      reads.get('corrupt.jpg')?.reject(new FileRejected('unreadable'));
      await Promise.resolve();
    });
    await waitFor(() => expect(reads.has('b.jpg')).toBe(true));
    await act(async () => {
      reads.get('b.jpg')?.resolve(files[5] as PickedFile);
      await Promise.resolve();
    });
    await waitFor(() => expect(net.batches).toEqual([['a.jpg', 'b.jpg']]));
    expect(statuses()[4]).toEqual(['corrupt.jpg', '不能上传：不是照片，或者文件已损坏、读不出来']);
    expect(document.querySelector('#upload-rejected')?.textContent).toBe('4 个文件不能上传，原因写在每个文件下面');

    act(() => setLocale('en'));
    expect(statuses().map(([, status]) => status)).toEqual([
      'Uploading 0%',
      'Cannot upload: the file is empty (0 bytes)',
      'Cannot upload: this file type is not supported; JPEG, PNG, WebP, HEIC and GIF photos are',
      'Cannot upload: too large, at most 4.00 GB',
      'Cannot upload: not a photo, or damaged and unreadable',
      'Uploading 0%',
    ]);
    expect(document.querySelector('#upload-rejected')?.textContent).toBe(
      '4 files cannot be uploaded; each says why below',
    );
  });
});
