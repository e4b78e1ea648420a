import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Challenge, ChallengeEntry } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challenge, entry, myWorkCard, person } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { ChallengeScreen } from './ChallengeScreen';

const me = {
  id: id('me'),
  username: 'me',
  displayName: '我',
  hasPassword: true,
  wechatLinked: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const ming = person('u2', '阿明');
const now = new Date('2026-06-01T08:00:00.000Z');

function renderChallenge(c: Challenge, entries: ChallengeEntry[], extra: Record<string, Answer> = {}) {
  let items = entries;
  const opened: string[] = [];
  const api = renderWithApi(<ChallengeScreen challengeId={c.id} onOpenWork={(w) => opened.push(w)} now={now} />, {
    'auth.me': () => me,
    'challenges.get': (input) => {
      const { cursor, limit } = input as { cursor?: string; limit: number };
      const start = cursor ? Number(cursor) : 0;
      return {
        challenge: c,
        entries: {
          items: items.slice(start, start + limit),
          nextCursor: start + limit < items.length ? String(start + limit) : null,
        },
        winners: items.filter((e) => e.rank === 1),
      };
    },
    'challenges.vote': (input) => {
      const workId = (input as { workId: string }).workId;
      items = items.map((e) => (e.workId === workId ? { ...e, votes: e.votes + 1, votedByMe: true } : e));
      return { votes: 1, voted: true };
    },
    ...extra,
  });
  return { ...api, opened };
}

describe('a challenge', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows the theme, rules, windows with the phase and a countdown, and the entries with their thumbs', async () => {
    const screen = renderChallenge(challenge('ch1', 'voting', { voteEndsAt: '2026-06-03T11:00:00.000Z' }), [
      entry('w1', ming, { votes: 4 }),
    ]);
    await waitFor(() => expect(textOf('#challenge-title')).toBe('主题 ch1'));
    expect(textOf('#challenge-countdown')).toBe('投票中 · 还有 2天3小时 结束投票');
    expect(textOf('#challenge-phase')).toBe('投票中');
    expect(textOf('#challenge-rules')).toBe('一人一张，必须是自己拍的');
    expect(textOf(`#entry-votes-${id('w1')}`)).toBe('4 票');
    expect(element(`#entry-${id('w1')} img, #entry-${id('w1')} taro-image-core`)).toBeTruthy();
    fireEvent.click(element(`#entry-${id('w1')} .cm__main`));
    expect(screen.opened).toEqual([id('w1')]);
    expect(screen.callsTo('challenges.get')[0]).toMatchObject({ challengeId: id('ch1'), order: 'votes' });
    fireEvent.click(element('#challenge-order-time'));
    await waitFor(() => expect(screen.callsTo('challenges.get').at(-1)).toMatchObject({ order: 'time' }));
  });

  it("votes for another's work (not one's own: no button), and says the server's refusals", async () => {
    const mine = entry('w2', person('me', '我'));
    const screen = renderChallenge(challenge('ch1', 'voting'), [entry('w1', ming), mine]);
    fireEvent.click(await waitFor(() => element(`#challenge-vote-${id('w1')}`)));
    await waitFor(() => expect(textOf(`#entry-votes-${id('w1')}`)).toBe('1 票'));
    expect(textOf(`#challenge-vote-${id('w1')}`)).toBe('取消投票');
    expect(document.querySelector(`#challenge-vote-${id('w2')}`)).toBeNull();
    expect(screen.callsTo('challenges.vote')).toEqual([{ challengeId: id('ch1'), workId: id('w1') }]);
    for (const [code, text] of [
      ['VOTE_OWN_WORK', '不能给自己的作品投票'],
      ['CHALLENGE_CLOSED', '这个挑战现在不在投稿或投票时间内'],
    ] as const) {
      cleanup();
      renderChallenge(challenge('ch1', 'voting'), [entry('w1', ming)], {
        'challenges.vote': () => {
          throw appError(code);
        },
      });
      fireEvent.click(await waitFor(() => element(`#challenge-vote-${id('w1')}`)));
      await waitFor(() => expect(textOf('#challenge-notice')).toBe(text));
    }
  });

  it('enters one of my published works while open, and says when the limit is reached', async () => {
    const published = myWorkCard('mw1', { status: 'published' });
    const screen = renderChallenge(challenge('ch1', 'submitting'), [], {
      'works.mine': () => ({
        items: [published, myWorkCard('mw2', { status: 'pending' }), myWorkCard('mw3', { status: 'rejected' })],
        nextCursor: null,
      }),
      'challenges.submit': () => ({ entered: true }),
    });
    fireEvent.click(await waitFor(() => element('#challenge-enter')));
    await waitFor(() => element(`#challenge-pick-${published.id}`));
    expect(document.querySelector(`#challenge-pick-${id('mw2')}`)).toBeNull();
    expect(document.querySelector(`#challenge-pick-${id('mw3')}`)).toBeNull();
    fireEvent.click(element(`#challenge-pick-${published.id}`));
    await waitFor(() => expect(textOf('#challenge-notice')).toBe('已投稿'));
    expect(screen.callsTo('challenges.submit')).toEqual([{ challengeId: id('ch1'), workId: published.id }]);
    cleanup();
    renderChallenge(challenge('ch1', 'submitting'), [], {
      'works.mine': () => ({ items: [published], nextCursor: null }),
      'challenges.submit': () => {
        throw appError('CHALLENGE_ENTRY_LIMIT');
      },
    });
    fireEvent.click(await waitFor(() => element('#challenge-enter')));
    fireEvent.click(await waitFor(() => element(`#challenge-pick-${published.id}`)));
    await waitFor(() => expect(textOf('#challenge-notice')).toBe('你在这个挑战的投稿数已达上限'));
  });

  it('after voting shows the winners and every rank, with no vote buttons, in English too', async () => {
    setLocale('en');
    renderChallenge(challenge('ch1', 'ended'), [
      entry('w1', ming, { votes: 9, rank: 1 }),
      entry('w3', person('u3', '小红'), { votes: 9, rank: 1 }),
      entry('w4', person('u4', '大刚'), { votes: 2, rank: 3 }),
    ]);
    await waitFor(() => element('#challenge-winners'));
    expect(document.querySelectorAll('#challenge-winners .cm__entry')).toHaveLength(2);
    expect(textOf(`#challenge-entries #entry-${id('w4')} .cm__rank`)).toBe('#3');
    expect(textOf('#challenge-countdown')).toBe('Ended · results are out');
    expect(document.querySelector('[id^="challenge-vote-"]')).toBeNull();
    expect(textOf(`#challenge-entries #entry-votes-${id('w1')}`)).toBe('9 votes');
    // A winner is in both lists, never under one id twice.
    const ids = [...document.querySelectorAll('[id]')].map((node) => node.id);
    expect(ids.filter((x, i) => ids.indexOf(x) !== i)).toEqual([]);
    expect(textOf(`#winner-votes-${id('w1')}`)).toBe('9 votes');
  });
});
