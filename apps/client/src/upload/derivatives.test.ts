import type { ConfirmUploadInput, DerivativeGrant, HomeRef, UploadTicket } from '@xiaojia/shared';
import { zConfirmUploadInput, zUploadTicket } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { deferred, UPLOADED_PHOTO } from '../../test/support/upload';
import { isSessionLost } from '../api/query';
import type { DerivativeSpec } from './derivative-image';
import { type DerivativeSteps, storeDerivatives } from './derivatives';
import { type CancelSignal, createUploadQueue, type PickedFile, UploadCancelled, type UploadTransport } from './queue';
import type { StorageGrant } from './send';

const flush = () => new Promise((r) => setTimeout(r, 0));

function grant(variant: 'thumb' | 'preview', maxSide: number): DerivativeGrant {
  return {
    variant,
    key: `h/1/p.jpg.${variant}.jpg`,
    maxSide,
    maxBytes: 400_000,
    method: 'PUT',
    uploadUrl: `https://b.example/${variant}?X-Amz-Signature=s`,
    fields: {},
    headers: { 'Content-Type': 'image/jpeg' },
  };
}
const GRANTS = [grant('thumb', 480), grant('preview', 2048)];

const photo: PickedFile = {
  path: 'blob:p',
  name: 'p.jpg',
  size: 3_000_000,
  mime: 'image/jpeg',
  width: 4000,
  height: 3000,
};

const idle: CancelSignal = { cancelled: false, onCancel() {} };

/** Derivative steps that record what was made, sent and logged; `failing` names variants whose step throws. */
function recordingSteps(failing: { make?: string; send?: string } = {}) {
  const made: DerivativeSpec[] = [];
  const sent: { url: string; name: string }[] = [];
  const released: string[] = [];
  const logged: string[] = [];
  const steps: DerivativeSteps = {
    async make(file, spec) {
      made.push({ variant: spec.variant, maxSide: spec.maxSide, maxBytes: spec.maxBytes });
      if (failing.make === spec.variant) throw new Error('cannot decode');
      if (file.mime.startsWith('video/')) return null;
      return {
        file: { path: `blob:${spec.variant}`, name: `${spec.variant}.jpg`, size: 1000, mime: 'image/jpeg' },
        release: () => released.push(spec.variant),
      };
    },
    async send(target: StorageGrant, file) {
      if (failing.send && target.uploadUrl.includes(failing.send)) throw new Error('storage answered 403');
      sent.push({ url: target.uploadUrl, name: file.name });
    },
    log: (message) => logged.push(message),
  };
  return { steps, made, sent, released, logged };
}

describe('storing derivatives', () => {
  it('makes and sends each grant in turn, releasing each, and answers the variants stored', async () => {
    const r = recordingSteps();
    await expect(storeDerivatives(GRANTS, photo, idle, r.steps)).resolves.toEqual(['thumb', 'preview']);
    expect(r.made.map((m) => [m.variant, m.maxSide])).toEqual([
      ['thumb', 480],
      ['preview', 2048],
    ]);
    expect(r.sent).toEqual([
      { url: 'https://b.example/thumb?X-Amz-Signature=s', name: 'thumb.jpg' },
      { url: 'https://b.example/preview?X-Amz-Signature=s', name: 'preview.jpg' },
    ]);
    expect(r.released).toEqual(['thumb', 'preview']);
    expect(r.logged).toEqual([]);
  });

  it('leaves out a derivative that cannot be made or stored, logs it, and keeps the others', async () => {
    const unmade = recordingSteps({ make: 'thumb' });
    await expect(storeDerivatives(GRANTS, photo, idle, unmade.steps)).resolves.toEqual(['preview']);
    expect(unmade.logged).toEqual(['the thumb of p.jpg was not stored; the album shows the original']);

    const unsent = recordingSteps({ send: 'preview' });
    await expect(storeDerivatives(GRANTS, photo, idle, unsent.steps)).resolves.toEqual(['thumb']);
    expect(unsent.released).toEqual(['thumb', 'preview']);
    expect(unsent.logged).toHaveLength(1);
  });

  it('skips, with a log line, what the platform cannot make (a video outside the browser)', async () => {
    const r = recordingSteps();
    const video = { ...photo, name: 'v.mp4', mime: 'video/mp4' };
    await expect(storeDerivatives(GRANTS, video, idle, r.steps)).resolves.toEqual([]);
    expect(r.logged[0]).toBe('no thumb made on this device for video/mp4; the album shows the original');
  });

  it('stops with UploadCancelled when the upload is cancelled', async () => {
    const r = recordingSteps();
    const cancelled: CancelSignal = { cancelled: true, onCancel() {} };
    await expect(storeDerivatives(GRANTS, photo, cancelled, r.steps)).rejects.toBeInstanceOf(UploadCancelled);
    expect(r.made).toEqual([]);
  });
});

/** The real queue with a transport whose derivatives go through storeDerivatives and the steps given. */
function transportWith(steps: DerivativeSteps, ticketGrants: DerivativeGrant[] = GRANTS) {
  const order: string[] = [];
  const confirms: (HomeRef & ConfirmUploadInput)[] = [];
  const sent = deferred<void>();
  const ticket: UploadTicket = zUploadTicket.parse({
    kind: 'upload',
    key: 'h/1/p.jpg',
    method: 'PUT',
    uploadUrl: 'https://b.example/p?X-Amz-Signature=s',
    fields: {},
    headers: { 'Content-Type': 'image/jpeg', 'If-None-Match': '*' },
    expiresAt: '2030-01-01T00:00:00.000Z',
    derivatives: ticketGrants,
  });
  const transport: UploadTransport = {
    createTickets: async () => [ticket],
    async send() {
      order.push('original');
      await sent.promise;
    },
    storeDerivatives: async (t, file, signal) => {
      order.push('derivatives');
      return storeDerivatives(t.derivatives ?? [], file, signal, steps);
    },
    async confirm(input) {
      order.push('confirm');
      // What the queue confirms must be what the API takes.
      confirms.push({ ...zConfirmUploadInput.parse(input), homeId: input.homeId });
      return {
        photo: { ...UPLOADED_PHOTO, id: '0190a000-0000-7000-8000-000000000001' },
        duplicate: false,
      };
    },
  };
  return { transport, order, confirms, sent };
}

describe('the upload queue with derivative grants', () => {
  it('sends the original, then the derivatives, then confirms naming the variants stored', async () => {
    const r = recordingSteps();
    const net = transportWith(r.steps);
    const queue = createUploadQueue({ transport: net.transport, isSessionLost });
    queue.add('home-1', [photo]);
    await flush();
    expect(net.order).toEqual(['original']);
    net.sent.resolve();
    await flush();
    await flush();
    expect(net.order).toEqual(['original', 'derivatives', 'confirm']);
    expect(r.sent.map((s) => s.name)).toEqual(['thumb.jpg', 'preview.jpg']);
    expect(net.confirms[0]).toMatchObject({ key: 'h/1/p.jpg', derivatives: ['thumb', 'preview'] });
    expect(queue.getSnapshot().items[0]?.status).toBe('done');
  });

  /** One photo through a fresh queue whose derivatives use `steps`; answers what was confirmed. */
  async function uploadOnce(steps: DerivativeSteps, grants: DerivativeGrant[] = GRANTS) {
    const net = transportWith(steps, grants);
    const queue = createUploadQueue({ transport: net.transport, isSessionLost });
    queue.add('home-1', [photo]);
    net.sent.resolve();
    await flush();
    await flush();
    await flush();
    return { confirmed: net.confirms[0], status: queue.getSnapshot().items[0]?.status };
  }

  it('confirms the photo without a derivative that failed, and without any when all failed', async () => {
    const half = await uploadOnce(recordingSteps({ send: 'thumb' }).steps);
    expect(half.confirmed?.derivatives).toEqual(['preview']);
    expect(half.status).toBe('done');

    const none = await uploadOnce(recordingSteps({ make: 'thumb' }).steps, [grant('thumb', 480)]);
    expect(none.confirmed).toBeDefined();
    expect(none.confirmed).not.toHaveProperty('derivatives');
    expect(none.status).toBe('done');
  });
});
