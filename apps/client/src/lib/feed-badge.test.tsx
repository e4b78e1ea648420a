import Taro from '@tarojs/taro';
import { cleanup, waitFor } from '@testing-library/react';
import { ACTIVITY_UNREAD_MAX } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { home, homeList } from '../../test/support/homes';
import { id } from '../../test/support/ids';
import { renderWithApi } from '../../test/support/screen';
import { QueryProvider } from '../api/query';
import { currentHomeStore } from '../home/current-home';
import { FEED_TAB_INDEX } from './badge';
import { type FeedBadgeOptions, UNREAD_POLL_MS, useFeedBadge } from './feed-badge';

const HOME = home(id('h1'));

function TabPage(props: FeedBadgeOptions) {
  useFeedBadge(props);
  return null;
}

describe('the feed badge on the tab pages', () => {
  let set: ReturnType<typeof vi.fn>;
  let remove: ReturnType<typeof vi.fn>;
  beforeEach(async () => {
    await currentHomeStore.set(HOME.id);
    set = vi.fn(() => Promise.resolve({ errMsg: 'setTabBarBadge:ok' }));
    remove = vi.fn(() => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' }));
    Object.assign(Taro, { setTabBarBadge: set, removeTabBarBadge: remove });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("asks for the current home's unread count as a tab shows, and badges the feed tab", async () => {
    let count = 7;
    const { callsTo } = renderWithApi(<TabPage />, {
      'homes.list': () => homeList(HOME),
      'activity.unread': () => ({ count }),
    });
    await waitFor(() => expect(set).toHaveBeenCalledWith({ index: FEED_TAB_INDEX, text: '7' }));
    expect(callsTo('activity.unread')).toEqual([{ homeId: HOME.id }]);
    count = 0;
    cleanup();
    renderWithApi(<TabPage />, { 'homes.list': () => homeList(HOME), 'activity.unread': () => ({ count }) });
    await waitFor(() => expect(remove).toHaveBeenCalledWith({ index: FEED_TAB_INDEX }));
  });

  it('polls once a minute, not on every render', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { callsTo, view, client, queryClient } = renderWithApi(<TabPage />, {
      'homes.list': () => homeList(HOME),
      'activity.unread': () => ({ count: ACTIVITY_UNREAD_MAX + 1 }),
    });
    await waitFor(() => expect(set).toHaveBeenCalledWith({ index: FEED_TAB_INDEX, text: '99+' }));
    view.rerender(
      <QueryProvider client={client} queryClient={queryClient}>
        <TabPage />
      </QueryProvider>,
    );
    expect(callsTo('activity.unread')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(UNREAD_POLL_MS);
    await waitFor(() => expect(callsTo('activity.unread')).toHaveLength(2));
  });

  it('does not poll on the feed page, which clears the badge itself', async () => {
    const { callsTo } = renderWithApi(<TabPage onFeed />, {
      'homes.list': () => homeList(HOME),
      'activity.unread': () => ({ count: 3 }),
    });
    await waitFor(() => expect(callsTo('homes.list')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(callsTo('activity.unread')).toEqual([]);
    expect(set).not.toHaveBeenCalled();
  });
});
