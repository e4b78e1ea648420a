import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Activity, ActivityPhoto } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { home } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { activity, BABA, NAINAI } from '../../../test/support/together';
import { QueryProvider } from '../../api/query';
import { setLocale } from '../../i18n';
import { FEED_TAB_INDEX } from '../../lib/badge';
import { FEED_PAGE_SIZE, FeedScreen } from './FeedScreen';

const HOME = home(id('h1'), 'owner');
const NOW = new Date(2026, 4, 3, 8, 30);
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

const thumb = (n: number): ActivityPhoto => ({
  id: id(`ph${n}`),
  thumbUrl: `https://img.example.com/${n}.webp`,
  thumbhash: null,
  width: 400,
  height: 300,
});

/** Grandma's likes and comment (new since Mama looked), Mama's upload of 12 and Grandpa joining before. */
const FEED: Activity[] = [
  activity('a1', {
    kind: 'like',
    actorId: NAINAI.id,
    actorName: '奶奶',
    count: 3,
    photos: [thumb(1), thumb(2), thumb(3)],
    at: minutesAgo(3),
    unread: true,
  }),
  activity('a2', {
    kind: 'comment',
    actorId: NAINAI.id,
    actorName: '奶奶',
    count: 1,
    photos: [thumb(1)],
    text: '好可爱',
    at: minutesAgo(5),
    unread: true,
  }),
  activity('a3', {
    kind: 'upload',
    count: 12,
    photos: Array.from({ length: 9 }, (_, n) => thumb(n)),
    at: minutesAgo(90),
  }),
  activity('a4', { kind: 'join', actorId: BABA.id, actorName: '爸爸', at: minutesAgo(60 * 24 * 2) }),
];

function renderFeed(entries: Activity[] = FEED, props: Partial<Parameters<typeof FeedScreen>[0]> = {}) {
  const opened: ActivityPhoto[] = [];
  let all = entries;
  const api = renderWithApi(
    <FeedScreen home={HOME} now={NOW} reminders={false} onOpenPhoto={(photo) => opened.push(photo)} {...props} />,
    {
      'activity.list': (input) => ({
        ...(pagedAnswer(() => all)(input) as object),
        urlsExpireAt: '2099-01-01T00:00:00.000Z',
      }),
      'activity.markSeen': () => ({ count: 1 }),
      'notifications.settings': () => ({ available: true, templateId: 'tmpl-photos', credits: 0 }),
      'notifications.subscribe': () => ({ available: true, templateId: 'tmpl-photos', credits: 1 }),
    },
  );
  /** The page's counters moved on (shown again, scrolled to the bottom). */
  const rerender = (more: Partial<Parameters<typeof FeedScreen>[0]>) =>
    api.view.rerender(
      <QueryProvider client={api.client} queryClient={api.queryClient}>
        <FeedScreen home={HOME} now={NOW} reminders={false} onOpenPhoto={() => undefined} {...props} {...more} />
      </QueryProvider>,
    );
  const setEntries = (next: Activity[]) => {
    all = next;
  };
  return { ...api, opened, setEntries, rerender };
}

const sentences = () => Array.from(document.querySelectorAll('.feed__sentence'), (node) => node.textContent);

describe('the activity feed', () => {
  beforeEach(() => {
    setLocale('zh-CN');
    Object.assign(Taro, {
      setTabBarBadge: vi.fn(() => Promise.resolve({ errMsg: 'setTabBarBadge:ok' })),
      removeTabBarBadge: vi.fn(() => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' })),
    });
  });
  afterEach(cleanup);

  it('tells each grouped entry in a sentence, newest first, with when', async () => {
    renderFeed();
    await waitFor(() => expect(sentences()).toHaveLength(4));
    expect(sentences()).toEqual([
      '奶奶赞了 3 张照片',
      '奶奶评论了：好可爱',
      '妈妈上传了 12 张照片',
      '爸爸加入了这个家',
    ]);
    expect(textOf(`#feed-${id('a1')} .feed__time`)).toBe('3分钟前');
    expect(textOf(`#feed-${id('a3')} .feed__time`)).toBe('1小时前');
  });

  it('says it in English too', async () => {
    setLocale('en');
    renderFeed(FEED.map((entry) => ({ ...entry, actorName: entry.actorName === '奶奶' ? 'Grandma' : 'Mum' })));
    await waitFor(() => expect(sentences()).toHaveLength(4));
    expect(sentences().slice(0, 3)).toEqual([
      'Grandma liked 3 photos',
      'Grandma commented: 好可爱',
      'Mum uploaded 12 photos',
    ]);
  });

  it("shows an upload's grid of nine with how many more, and opens the photo tapped", async () => {
    const { opened } = renderFeed();
    await waitFor(() => expect(document.querySelectorAll(`#feed-${id('a3')} .feed__cell`)).toHaveLength(9));
    expect(textOf(`#feed-${id('a3')} .feed__more-text`)).toBe('+3');
    expect(document.querySelector(`#feed-${id('a1')} .feed__more`)).toBeNull();
    fireEvent.click(element(`#feed-photo-${id('a3')}-4`));
    expect(opened.map((photo) => photo.id)).toEqual([id('ph4')]);
  });

  it('fetches the feed again when a thumbnail fails (its signed URL expired), once a while', async () => {
    const { callsTo } = renderFeed();
    const thumbs = () => [...document.querySelectorAll('.feed__thumb')];
    await waitFor(() => expect(thumbs().length).toBeGreaterThan(5));
    const before = callsTo('activity.list').length;
    fireEvent.error(thumbs()[0] as Element);
    await waitFor(() => expect(callsTo('activity.list')).toHaveLength(before + 1));
    fireEvent.error(thumbs()[5] as Element);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callsTo('activity.list')).toHaveLength(before + 1);
  });

  it('marks what is new, marks the feed seen once it is shown, and clears the badge', async () => {
    const { callsTo, queryClient } = renderFeed();
    await waitFor(() => expect(callsTo('activity.markSeen')).toEqual([{ homeId: HOME.id }]));
    expect(element(`#feed-${id('a1')}`).className).toContain('feed__entry--unread');
    expect(element(`#feed-${id('a2')}`).className).toContain('feed__entry--unread');
    expect(element(`#feed-${id('a3')}`).className).not.toContain('feed__entry--unread');
    expect(textOf(`#feed-${id('a1')} .feed__unread`)).toBe('新');
    await waitFor(() => expect(Taro.removeTabBarBadge).toHaveBeenCalledWith({ index: FEED_TAB_INDEX }));
    const unreadKey = [['activity', 'unread'], { input: { homeId: HOME.id }, type: 'query' }];
    expect(queryClient.getQueryData(unreadKey)).toEqual({ count: 0 });
  });

  it('shown again, fetches what is new before marking it seen', async () => {
    const { callsTo, rerender, setEntries } = renderFeed(FEED.slice(2));
    await waitFor(() => expect(callsTo('activity.markSeen')).toHaveLength(1));
    setEntries(FEED);
    rerender({ shown: 2 });
    await waitFor(() => expect(callsTo('activity.markSeen')).toHaveLength(2));
    expect(sentences()).toHaveLength(4);
    expect(element(`#feed-${id('a1')}`).className).toContain('feed__entry--unread');
  });

  it('loads the next page at the bottom', async () => {
    const many = Array.from({ length: FEED_PAGE_SIZE + 3 }, (_, n) =>
      activity(`m${n}`, { count: n + 1, at: minutesAgo(n + 1) }),
    );
    const { callsTo, rerender } = renderFeed(many);
    await waitFor(() => expect(sentences()).toHaveLength(FEED_PAGE_SIZE));
    rerender({ reachedBottom: 1 });
    await waitFor(() => expect(sentences()).toHaveLength(FEED_PAGE_SIZE + 3));
    expect(sentences()[FEED_PAGE_SIZE + 2]).toBe(`妈妈上传了 ${FEED_PAGE_SIZE + 3} 张照片`);
    expect(callsTo('activity.list')).toHaveLength(2);
    expect(document.querySelector('#feed-more')).toBeNull();
  });

  it('says what the feed is for when it is empty', async () => {
    renderFeed([]);
    await waitFor(() => expect(textOf('#feed-empty')).toBe('还没有动态。家人上传照片、点赞、评论后，会在这里看到'));
  });

  it('says why it failed and retries', async () => {
    let fail = true;
    const { callsTo } = renderWithApi(
      <FeedScreen home={HOME} now={NOW} reminders={false} onOpenPhoto={() => undefined} />,
      {
        'activity.list': () => {
          if (fail) throw Object.assign(new Error('x'), { data: { appCode: 'INTERNAL' } });
          return { items: FEED, nextCursor: null, urlsExpireAt: '2099-01-01T00:00:00.000Z' };
        },
        'activity.markSeen': () => ({ count: 1 }),
      },
    );
    await waitFor(() =>
      expect(textOf('#feed-state .screen__error')).toBe('动态加载失败：服务器出了点问题，请稍后再试'),
    );
    expect(callsTo('activity.markSeen')).toEqual([]);
    fail = false;
    fireEvent.click(element('#feed-state taro-button-core'));
    await waitFor(() => expect(sentences()).toHaveLength(4));
  });
});
