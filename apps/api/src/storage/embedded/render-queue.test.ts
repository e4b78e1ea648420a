import { describe, expect, it } from 'vitest';
import { KodoError } from './errors.js';
import { RenderQueue } from './render-queue.js';

/** A task that runs until released, counting how many such tasks run at once. */
function heldTasks() {
  let active = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  return {
    task: () =>
      new Promise<number>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        releases.push(() => {
          active--;
          resolve(peak);
        });
      }),
    releaseNext() {
      releases.shift()?.();
    },
    get started() {
      return releases.length;
    },
    get peak() {
      return peak;
    },
  };
}

describe('RenderQueue', () => {
  it('runs at most `concurrency` tasks at once and starts the waiting ones in order as slots free', async () => {
    const queue = new RenderQueue(2, 10);
    const held = heldTasks();
    const order: number[] = [];
    const runs = [0, 1, 2, 3, 4].map((i) =>
      queue.run(async () => {
        order.push(i);
        return held.task();
      }),
    );
    expect(queue.size).toEqual({ running: 2, waiting: 3 });
    while (held.started > 0 || queue.size.waiting > 0) {
      held.releaseNext();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(held.peak).toBe(2);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses with 503 and Retry-After once `maxWaiting` tasks wait, and frees the slot of a failed task', async () => {
    const queue = new RenderQueue(1, 1);
    const held = heldTasks();
    const first = queue.run(held.task);
    const second = queue.run(() => Promise.reject(new Error('render failed')));
    const refused = await queue.run(held.task).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KodoError);
    expect(refused).toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    held.releaseNext();
    await first;
    await expect(second).rejects.toThrow('render failed');
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
    // The queue takes work again.
    await expect(queue.run(async () => 'ok')).resolves.toBe('ok');
  });
});
