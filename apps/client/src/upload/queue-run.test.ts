import type { ConfirmUploadInput, HomeRef, UploadTicket } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { UPLOADED_PHOTO } from '../../test/support/upload';
import { createAbort, UploadCancelled, UploadRestart } from './cancel';
import { confirmInputOf, runFailureOf, runUpload } from './queue-run';
import type { UploadTransport } from './queue-types';

const FILE = { path: 'blob:a', name: 'a.png', size: 10, mime: 'image/png', width: 4, height: 3 };
const TICKET: Extract<UploadTicket, { kind: 'upload' }> = {
  kind: 'upload',
  key: 'h/1/a.png',
  uploadUrl: 'https://up.example/',
  fields: {},
  expiresAt: '2030-01-01T00:00:00.000Z',
  derivatives: [
    {
      variant: 'thumb',
      key: 'h/1/a.png.thumb.jpg',
      maxSide: 480,
      maxBytes: 256 * 1024,
      method: 'PUT',
      uploadUrl: 'https://up.example/t',
      fields: {},
    },
  ],
};

/** A transport recording the steps it ran; `onSend` runs while the bytes "go". */
function recording(onSend: () => void = () => undefined) {
  const steps: string[] = [];
  const confirms: (HomeRef & ConfirmUploadInput)[] = [];
  const transport: UploadTransport = {
    createTickets: async () => [],
    async send() {
      steps.push('send');
      onSend();
    },
    async storeDerivatives() {
      steps.push('derivatives');
      return ['thumb'];
    },
    async confirm(input) {
      steps.push('confirm');
      confirms.push(input);
      return { photo: { ...UPLOADED_PHOTO, id: 'p1' }, duplicate: false };
    },
  };
  return { transport, steps, confirms };
}

const hooks = (steps: string[]) => ({
  onProgress: () => undefined,
  events: { waitingForNetwork: () => undefined },
  onConfirming: () => steps.push('confirming'),
});

describe('one upload run', () => {
  it('sends, stores the derivatives the ticket asks for, then confirms with them', async () => {
    const net = recording();
    const result = await runUpload(net.transport, 'home-1', TICKET, FILE, createAbort().signal, hooks(net.steps));
    expect(result.photo.id).toBe('p1');
    expect(net.steps).toEqual(['send', 'derivatives', 'confirming', 'confirm']);
    expect(net.confirms).toEqual([{ homeId: 'home-1', key: 'h/1/a.png', width: 4, height: 3, derivatives: ['thumb'] }]);
  });

  it('makes no derivatives for a ticket without any', async () => {
    const net = recording();
    const { derivatives: _, ...plain } = TICKET;
    await runUpload(net.transport, 'home-1', plain, FILE, createAbort().signal, hooks(net.steps));
    expect(net.steps).toEqual(['send', 'confirming', 'confirm']);
  });

  it('stops with UploadCancelled when cancelled while sending, and confirms nothing', async () => {
    const cancel = createAbort();
    const net = recording(() => cancel.abort());
    await expect(
      runUpload(net.transport, 'home-1', TICKET, FILE, cancel.signal, hooks(net.steps)),
    ).rejects.toBeInstanceOf(UploadCancelled);
    expect(net.steps).toEqual(['send']);
  });
});

describe('confirmInputOf', () => {
  it('sends each fact only when the device knows it', () => {
    expect(confirmInputOf('h', 'k', { path: 'p', name: 'n', size: 1, mime: 'video/mp4' }, [])).toEqual({
      homeId: 'h',
      key: 'k',
    });
    expect(
      confirmInputOf('h', 'k', { ...FILE, takenAt: '2024-01-01T00:00:00.000Z', thumbhash: 'TH', durationMs: 1200 }, [
        'thumb',
        'preview',
      ]),
    ).toEqual({
      homeId: 'h',
      key: 'k',
      width: 4,
      height: 3,
      takenAt: '2024-01-01T00:00:00.000Z',
      thumbhash: 'TH',
      durationMs: 1200,
      derivatives: ['thumb', 'preview'],
    });
  });
});

describe('runFailureOf', () => {
  const lost = (error: unknown) => error instanceof Error && error.message === 'lost';
  it('sorts what a run threw', () => {
    expect(runFailureOf(new Error('x'), true, lost)).toBe('cancelled');
    expect(runFailureOf(new UploadCancelled(), false, lost)).toBe('cancelled');
    expect(runFailureOf(new UploadRestart(new Error('gone')), false, lost)).toBe('restart');
    expect(runFailureOf(new Error('lost'), false, lost)).toBe('sessionLost');
    expect(runFailureOf(new Error('500'), false, lost)).toBe('failed');
  });
});
