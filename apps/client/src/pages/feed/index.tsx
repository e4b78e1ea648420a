/** The activity feed tab (动态): FeedScreen with the page's pull-to-refresh, reach-bottom and shows. */
import { useQueryClient } from '@tanstack/react-query';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { usePageChrome } from '../../components/Screen/chrome';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { useFeedBadge } from '../../lib/feed-badge';
import { ROUTES, withQuery } from '../../routes';
import { remember } from '../viewer/handoff';
import { FeedScreen } from './FeedScreen';

export default function FeedPage() {
  const t = useT();
  usePageChrome(t('feed.title'));
  useFeedBadge({ onFeed: true });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reachedBottom, setReachedBottom] = useState(0);
  const [shown, setShown] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  useDidShow(() => setShown((n) => n + 1));
  usePullDownRefresh(() => {
    void queryClient.refetchQueries(trpc.activity.list.pathFilter()).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <HomeGate>
      {(home) => (
        <FeedScreen
          home={home}
          reachedBottom={reachedBottom}
          shown={Math.max(1, shown)}
          onOpenPhoto={(photo) => {
            remember(photo);
            void Taro.navigateTo({ url: withQuery(ROUTES.viewer, { id: photo.id, home: home.id }) });
          }}
        />
      )}
    </HomeGate>
  );
}
