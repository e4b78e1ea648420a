import { afterEach, describe, expect, it, vi } from 'vitest';
import { appError, file, flush, HOME, PHOTO, scriptedTransport, statusOf } from '../../test/support/upload-queue';
import { isSessionLost } from '../api/query';
import { createUploadQueue } from './queue';
import { endUploads, existingUploadQueue, type QueueEvents, theUploadQueue, uploadsSignedIn } from './session';

/** The app's queue, the real one over a scripted network, made for `userId` (null: the server could not say). */
function appQueue(userId: string | null, net = scriptedTransport()) {
  const make = (events: QueueEvents) => createUploadQueue({ transport: net.transport, isSessionLost, ...events });
  const queue = theUploadQueue(make, async () => userId);
  return { queue, net, make };
}

afterEach(() => endUploads());

describe("the app's upload queue across accounts", () => {
  it('a sign-out mid-upload aborts the transfers, forgets every file, and the next account starts empty', async () => {
    const { queue, net, make } = appQueue('user-a');
    queue.add(HOME, [file('a'), file('b'), file('c'), file('d')]);
    await flush();
    expect(net.running()).toBe(3);
    const signals = [...net.sends.values()].map((send) => send.signal);

    endUploads();
    await flush();
    expect(signals.every((signal) => signal.cancelled)).toBe(true);
    expect(net.running()).toBe(0);
    expect(queue.getSnapshot().items).toEqual([]);
    expect(existingUploadQueue()).toBeNull();
    // The old queue takes nothing more, and its fourth file never goes.
    expect(queue.add(HOME, [file('late')])).toEqual([]);
    queue.resume();
    await flush();
    expect([...net.sends.keys()]).toEqual(['a', 'b', 'c']);
    expect(net.confirms).toEqual([]);

    const next = theUploadQueue(make, async () => 'user-b');
    expect(next).not.toBe(queue);
    expect(next.getSnapshot().items).toEqual([]);
  });

  it("a confirm answered after the sign-out changes nothing and refreshes nobody's timeline", async () => {
    const net = scriptedTransport();
    let answer!: () => void;
    net.setConfirm(
      (input) =>
        new Promise((resolve) => {
          answer = () => resolve({ photo: { ...PHOTO, id: `photo-${input.key}` }, duplicate: false });
        }),
    );
    const drained = vi.fn();
    const queue = createUploadQueue({ transport: net.transport, isSessionLost, onDrained: drained });
    queue.add(HOME, [file('a')]);
    await flush();
    await net.finish('a');
    expect(statusOf(queue).a).toBe('confirming');
    queue.close();
    answer();
    await flush();
    expect(queue.getSnapshot().items).toEqual([]);
    expect(drained).not.toHaveBeenCalled();
  });

  it('files paused by a lost session are dropped when another account signs in, and never resumed', async () => {
    const net = scriptedTransport();
    net.setConfirm(async () => {
      throw appError('SESSION_EXPIRED');
    });
    const { queue } = appQueue('user-a', net);
    queue.add(HOME, [file('a'), file('b')]);
    await flush();
    await net.finish('a');
    // b was still on its way when the session went.
    expect(statusOf(queue)).toEqual({ a: 'paused', b: 'uploading' });
    const b = net.sends.get('b')?.signal;

    net.sends.clear();
    uploadsSignedIn('user-b');
    await flush();
    expect(b?.cancelled).toBe(true);
    expect(queue.getSnapshot().items).toEqual([]);
    expect(existingUploadQueue()).toBeNull();
    expect(net.sends.size).toBe(0);
  });

  it('files paused by a lost session carry on when the same account signs in again', async () => {
    const net = scriptedTransport();
    let expired = true;
    net.setConfirm(async (input) => {
      if (expired) throw appError('SESSION_EXPIRED');
      return { photo: { ...PHOTO, id: `photo-${input.key}` }, duplicate: false };
    });
    const { queue } = appQueue('user-a', net);
    queue.add(HOME, [file('a')]);
    await flush();
    await net.finish('a');
    expect(statusOf(queue)).toEqual({ a: 'paused' });

    expired = false;
    net.sends.clear();
    uploadsSignedIn('user-a');
    await flush();
    expect(existingUploadQueue()).toBe(queue);
    await net.finish('a');
    expect(statusOf(queue)).toEqual({ a: 'done' });
  });

  it('a queue whose account the server could not name is not handed to whoever signs in next', async () => {
    const net = scriptedTransport();
    net.setConfirm(async () => {
      throw appError('SESSION_EXPIRED');
    });
    const { queue } = appQueue(null, net);
    queue.add(HOME, [file('a')]);
    await flush();
    await net.finish('a');
    expect(statusOf(queue)).toEqual({ a: 'paused' });
    uploadsSignedIn('user-a');
    expect(queue.getSnapshot().items).toEqual([]);
    expect(existingUploadQueue()).toBeNull();
  });
});
