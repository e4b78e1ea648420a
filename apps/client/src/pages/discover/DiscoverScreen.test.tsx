import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { WorkCard } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { communityMe, workCard } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { QueryProvider } from '../../api/query';
import { setLocale } from '../../i18n';
import { DiscoverScreen, type DiscoverScreenProps } from './DiscoverScreen';

afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

const HOT = [workCard('h1', { likeCount: 9 }), workCard('h2')];
const LATEST = Array.from({ length: 25 }, (_, n) => workCard(`l${n}`));

function renderDiscover(answers: Record<string, Answer> = {}, props: Partial<DiscoverScreenProps> = {}) {
  const opened: { work: string[]; tag: string[]; profile: string[]; messages: number } = {
    work: [],
    tag: [],
    profile: [],
    messages: 0,
  };
  const api = renderWithApi(
    <DiscoverScreen
      onOpenWork={(work) => opened.work.push(work.id)}
      onOpenTag={(tag) => opened.tag.push(tag)}
      onOpenMessages={() => {
        opened.messages += 1;
      }}
      onOpenChallenges={() => undefined}
      onOpenProfile={(userId) => opened.profile.push(userId)}
      {...props}
    />,
    {
      'profiles.me': () => communityMe({ unreadMessages: 3 }),
      'feeds.hot': pagedAnswer(() => HOT),
      'feeds.latest': pagedAnswer(() => LATEST),
      'feeds.following': pagedAnswer((): WorkCard[] => []),
      'tags.popular': () => ({ items: [] }),
      ...answers,
    },
  );
  return { ...api, opened };
}

describe('DiscoverScreen', () => {
  it('shows the hot feed as cards with title, author and likes, and opens a work', async () => {
    const { opened } = renderDiscover();
    await waitFor(() => element(`#work-card-${id('h1')}`));
    expect(textOf(`#work-card-${id('h1')}`)).toContain('Work h1');
    expect(textOf(`#work-card-${id('h1')}`)).toContain('Alice');
    expect(textOf(`#work-card-${id('h1')}`)).toContain('♥ 9');
    fireEvent.click(element(`#work-card-${id('h2')}`));
    expect(opened.work).toEqual([id('h2')]);
  });

  it('switches segments, each its own feed', async () => {
    const { callsTo } = renderDiscover();
    await waitFor(() => element(`#work-card-${id('h1')}`));
    fireEvent.click(element('#discover-segment-latest'));
    await waitFor(() => element(`#work-card-${id('l0')}`));
    expect(callsTo('feeds.latest')).toMatchObject([{ limit: 20 }]);
    expect(document.querySelector(`#work-card-${id('h1')}`)).toBeNull();
    fireEvent.click(element('#discover-segment-hot'));
    await waitFor(() => element(`#work-card-${id('h1')}`));
  });

  it('asks for the next page when the page reaches the bottom', async () => {
    const { callsTo, view, client, queryClient } = renderDiscover({}, { initialSegment: 'latest' });
    await waitFor(() => element(`#work-card-${id('l0')}`));
    const props = {
      onOpenWork: () => undefined,
      onOpenTag: () => undefined,
      onOpenMessages: () => undefined,
      onOpenChallenges: () => undefined,
      onOpenProfile: () => undefined,
      initialSegment: 'latest' as const,
    };
    view.rerender(
      <QueryProvider client={client} queryClient={queryClient}>
        <DiscoverScreen {...props} reachedBottom={1} />
      </QueryProvider>,
    );
    await waitFor(() => expect(callsTo('feeds.latest')).toMatchObject([{ limit: 20 }, { limit: 20, cursor: '20' }]));
    // The 25 cards' height is reserved (the ones below the viewport are not rendered).
    await waitFor(() => expect(Number.parseInt(element('#discover-feed').style.height, 10)).toBeGreaterThan(12 * 250));
  });

  it('says what to do on an empty following feed', async () => {
    renderDiscover({}, { initialSegment: 'following' });
    await waitFor(() => expect(textOf('#discover-feed-empty')).toContain('你关注的人还没有发布作品'));
  });

  it('shows a failure with a retry that asks again', async () => {
    let fail = true;
    const { callsTo } = renderDiscover({
      'feeds.hot': (input) => {
        if (fail) throw appError('INTERNAL', 'boom');
        return pagedAnswer(() => HOT)(input);
      },
    });
    await waitFor(() => expect(textOf('#discover-feed-state')).toContain('读取作品失败'));
    fail = false;
    fireEvent.click(element('#discover-feed-state .screen__button'));
    await waitFor(() => element(`#work-card-${id('h1')}`));
    expect(callsTo('feeds.hot')).toHaveLength(2);
  });

  it('badges the messages entry with the unread count and opens my profile', async () => {
    const { opened } = renderDiscover();
    await waitFor(() => expect(textOf('#discover-unread')).toBe('3'));
    fireEvent.click(element('#discover-messages'));
    fireEvent.click(element('#discover-me'));
    expect(opened.messages).toBe(1);
    expect(opened.profile).toEqual([communityMe().user.userId]);
  });

  it('still works without the badge when profiles.me fails', async () => {
    renderDiscover({ 'profiles.me': () => Promise.reject(appError('NOT_FOUND')) });
    await waitFor(() => element(`#work-card-${id('h1')}`));
    expect(document.querySelector('#discover-unread')).toBeNull();
    expect(document.querySelector('#discover-me')).toBeNull();
  });

  it('tells a suspended user why, in English too', async () => {
    setLocale('en');
    renderDiscover({
      'profiles.me': () => communityMe({ suspension: { until: '2026-06-01T00:00:00.000Z', reason: 'spam' } }),
    });
    await waitFor(() =>
      expect(textOf('#discover-suspended')).toBe('Your community account is suspended until 2026-06-01: spam'),
    );
    expect(textOf('#discover-segment-hot')).toBe('Hot');
  });

  it('opens a tag feed from the search, normalized, and from the recent chips', async () => {
    const { opened } = renderDiscover({}, { recentTags: ['湖'] });
    fireEvent.input(await waitFor(() => element('#discover-tag-search input')), { target: { value: ' #Autumn ' } });
    fireEvent.click(element('#discover-tag-go'));
    fireEvent.click(element('#discover-recent-tags .discover__chip'));
    expect(opened.tag).toEqual(['autumn', '湖']);
  });

  it('offers the popular tags under the recent ones (those not searched lately), and opens one', async () => {
    const { opened, callsTo } = renderDiscover(
      {
        'tags.popular': () => ({
          items: [
            { tag: '湖', works: 9 },
            { tag: '日落', works: 5 },
            { tag: '街拍', works: 2 },
          ],
        }),
      },
      { recentTags: ['湖'] },
    );
    await waitFor(() => expect(textOf('#discover-popular-tags')).toBe('热门标签#日落#街拍'));
    expect(callsTo('tags.popular')).toEqual([{ limit: 12 }]);
    const chips = [...document.querySelectorAll('#discover-popular-tags .discover__chip')];
    fireEvent.click(chips[1] as Element);
    expect(opened.tag).toEqual(['街拍']);
  });

  it('shows no popular tags when there are none or they fail, in English too', async () => {
    setLocale('en');
    renderDiscover({ 'tags.popular': () => Promise.reject(appError('INTERNAL', 'boom')) });
    await waitFor(() => element(`#work-card-${id('h1')}`));
    expect(document.querySelector('#discover-popular-tags')).toBeNull();
    cleanup();
    renderDiscover({ 'tags.popular': () => ({ items: [{ tag: 'lake', works: 1 }] }) });
    await waitFor(() => expect(textOf('#discover-popular-tags')).toBe('Popular tags#lake'));
  });
});
