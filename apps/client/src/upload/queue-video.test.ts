import {
  type ConfirmUploadInput,
  type HomeRef,
  type UploadRequest,
  zConfirmUploadInput,
  zUploadRequest,
} from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { photo } from '../../test/support/screen';
import { uploadTicketsFor } from '../../test/support/upload';
import { pickedFileOf } from './picker';
import { createUploadQueue, type PickedFile, type UploadTransport } from './queue';
import { tempFileOfMedia } from './video-pick';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('a video through the upload queue', () => {
  it("asks for a video ticket and confirms with the device's length and size", async () => {
    const requests: UploadRequest[] = [];
    const confirms: (HomeRef & ConfirmUploadInput)[] = [];
    const transport: UploadTransport = {
      async createTickets(_homeId, files) {
        requests.push(...files);
        return uploadTicketsFor(files);
      },
      async send() {},
      async confirm(input) {
        confirms.push(input);
        return { photo: { ...photo('0190a000-0000-7000-8000-000000000001'), mime: 'video/mp4' }, duplicate: false };
      },
    };
    const queue = createUploadQueue({ transport, isSessionLost: () => false });
    // From WeChat's chooseMedia through the picker, as the upload page adds it.
    const clip = pickedFileOf(
      tempFileOfMedia(
        {
          tempFilePath: 'wxfile://tmp/b.mp4',
          size: 3e7,
          fileType: 'video',
          duration: 12.48,
          width: 1920,
          height: 1080,
        },
        'weapp',
      ),
    );
    const still: PickedFile = { path: 'wxfile://tmp/a.jpg', name: 'a.jpg', size: 10, mime: 'image/jpeg' };
    queue.add('home-1', [clip, still]);
    for (let i = 0; i < 10 && confirms.length < 2; i++) await flush();
    expect(requests.map((r) => zUploadRequest.parse(r).mime)).toEqual(['video/mp4', 'image/jpeg']);
    const [video, image] = confirms.map(({ homeId: _, ...input }) => zConfirmUploadInput.parse(input));
    expect(video).toEqual({ key: 'k/b.mp4', width: 1920, height: 1080, durationMs: 12_480 });
    expect(image).toEqual({ key: 'k/a.jpg' });
    expect(queue.getSnapshot().items.map((item) => item.status)).toEqual(['done', 'done']);
  });
});
