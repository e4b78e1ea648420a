import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challenge, image } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { ChallengesScreen } from './ChallengesScreen';

describe('the challenges list', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows current, upcoming and past challenges with cover, countdown and entries; opens one', async () => {
    const lists = {
      current: [challenge('ch1', 'submitting', { cover: image('cv1'), entries: 3 })],
      upcoming: [challenge('ch2', 'upcoming')],
      past: [] as ReturnType<typeof challenge>[],
    };
    const opened: string[] = [];
    const screen = renderWithApi(
      <ChallengesScreen onOpen={(c) => opened.push(c.id)} now={new Date('2026-06-01T08:00:00.000Z')} />,
      {
        'challenges.list': (input) => ({
          items: lists[(input as { when: keyof typeof lists }).when],
          nextCursor: null,
        }),
      },
    );
    await waitFor(() => element(`#challenge-${id('ch1')}`));
    expect(textOf(`#challenge-countdown-${id('ch1')}`)).toBe('投稿中 · 还有 2天3小时 截止投稿');
    expect(textOf(`#challenge-${id('ch1')}`)).toContain('3 个投稿');
    fireEvent.click(element(`#challenge-${id('ch1')}`));
    expect(opened).toEqual([id('ch1')]);
    fireEvent.click(element('#challenges-tab-upcoming'));
    await waitFor(() => element(`#challenge-${id('ch2')}`));
    fireEvent.click(element('#challenges-tab-past'));
    await waitFor(() => expect(textOf('#challenges-empty')).toBe('还没有结束的挑战。'));
    expect(screen.callsTo('challenges.list').map((i) => (i as { when: string }).when)).toEqual([
      'current',
      'upcoming',
      'past',
    ]);
  });
});
