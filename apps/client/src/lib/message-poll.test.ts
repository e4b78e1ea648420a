import type { Message } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { id } from '../../test/support/ids';
import { MESSAGE_POLL_MAX_MS, MESSAGE_POLL_MS, MessagePoller, type PollAnswer, pollDelay } from './message-poll';

/** A schedule the test steps by hand: what is waiting, and after how long. */
function manualSchedule() {
  const waiting: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    schedule: (run: () => void, ms: number) => {
      const entry = { run, ms, cancelled: false };
      waiting.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    pending: () => waiting.filter((w) => !w.cancelled),
    /** Runs the next waiting poll; answers its delay. */
    async step() {
      const next = waiting.find((w) => !w.cancelled);
      if (!next) throw new Error('nothing scheduled');
      next.cancelled = true;
      next.run();
      await settle();
      return next.ms;
    },
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const message = (n: number): Message => ({
  id: id(`m${n}`),
  conversationId: id('c1'),
  senderId: id('u2'),
  text: `hi ${n}`,
  status: 'visible',
  reviewReason: null,
  createdAt: '2026-06-01T08:00:00.000Z',
});

function poller(answers: (cursor: string | undefined) => PollAnswer | Error) {
  const clock = manualSchedule();
  const cursors: (string | undefined)[] = [];
  const delivered: PollAnswer[] = [];
  const p = new MessagePoller({
    poll: async (cursor) => {
      cursors.push(cursor);
      const answer = answers(cursor);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    deliver: (answer) => delivered.push(answer),
    schedule: clock.schedule,
  });
  return { p, clock, cursors, delivered };
}

describe('the one message poll', () => {
  it('polls at once when a page joins, then every few seconds with the last cursor, and stops when none wants it', async () => {
    let n = 0;
    const { p, clock, cursors, delivered } = poller(() => ({
      messages: n === 0 ? [] : [message(n)],
      cursor: `c${++n}`,
      more: false,
      unread: n,
    }));
    const leave = p.join();
    await settle();
    expect(cursors).toEqual([undefined]);
    expect(clock.pending().map((w) => w.ms)).toEqual([MESSAGE_POLL_MS]);
    // A second page shares the loop: no second timer.
    const leaveToo = p.join();
    await settle();
    expect(clock.pending()).toHaveLength(1);
    await clock.step();
    expect(cursors.slice(-1)).toEqual([`c${n - 1}`]);
    expect(delivered.at(-1)?.messages.map((m) => m.text)).toEqual([`hi ${n - 1}`]);
    leave();
    leave();
    expect(clock.pending()).toHaveLength(1);
    leaveToo();
    expect(clock.pending()).toHaveLength(0);
  });

  it('asks again at once while the answer says there is more', async () => {
    let calls = 0;
    const { p, clock } = poller(() => ({ messages: [], cursor: `c${++calls}`, more: calls < 2, unread: 0 }));
    p.join();
    await settle();
    expect(clock.pending().map((w) => w.ms)).toEqual([0]);
    await clock.step();
    expect(clock.pending().map((w) => w.ms)).toEqual([MESSAGE_POLL_MS]);
  });

  it('waits longer after each failure (offline), up to a limit, and keeps its cursor', async () => {
    let fail = false;
    const { p, clock, cursors } = poller(() =>
      fail ? new Error('Network request failed') : { messages: [], cursor: 'kept', more: false, unread: 0 },
    );
    p.join();
    await settle();
    fail = true;
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) delays.push(await clock.step());
    expect(delays[0]).toBe(MESSAGE_POLL_MS);
    expect(clock.pending()[0]?.ms).toBe(MESSAGE_POLL_MAX_MS);
    expect(delays.slice(1)).toEqual([pollDelay(1), pollDelay(2), pollDelay(3), pollDelay(4), pollDelay(5)]);
    expect(pollDelay(1)).toBe(2 * MESSAGE_POLL_MS);
    expect(cursors.slice(1).every((c) => c === 'kept')).toBe(true);
    fail = false;
    await clock.step();
    expect(clock.pending()[0]?.ms).toBe(MESSAGE_POLL_MS);
  });

  it('stops while the app is in the background and polls at once when it is back', async () => {
    const { p, clock, cursors } = poller(() => ({ messages: [], cursor: 'c', more: false, unread: 0 }));
    p.join();
    await settle();
    p.setForeground(false);
    expect(clock.pending()).toHaveLength(0);
    p.setForeground(true);
    await settle();
    expect(cursors).toHaveLength(2);
    expect(clock.pending()).toHaveLength(1);
  });
});
