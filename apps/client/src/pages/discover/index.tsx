/** 发现, the community tab: DiscoverScreen with the page's pull-to-refresh, reach-bottom and navigation. */
import { useQueryClient } from '@tanstack/react-query';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { taroStorage } from '../../api/platform';
import { useTRPC } from '../../api/query';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { loadRecentTags, rememberTag } from '../../lib/recent-tags';
import { ROUTES, withQuery } from '../../routes';
import { DiscoverScreen } from './DiscoverScreen';

export default function DiscoverPage() {
  const t = useT();
  usePageChrome(t('discover.title'));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reachedBottom, setReachedBottom] = useState(0);
  const [recentTags, setRecentTags] = useState<string[]>([]);
  useEffect(() => void loadRecentTags(taroStorage).then(setRecentTags), []);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  usePullDownRefresh(() => {
    void Promise.all([
      queryClient.refetchQueries(trpc.feeds.pathFilter()),
      queryClient.refetchQueries(trpc.profiles.me.queryFilter()),
    ]).finally(() => Taro.stopPullDownRefresh());
  });
  const open = (url: string) => void Taro.navigateTo({ url });
  return (
    <DiscoverScreen
      reachedBottom={reachedBottom}
      recentTags={recentTags}
      onOpenWork={(work) => open(withQuery(ROUTES.work, { workId: work.id }))}
      onOpenTag={(tag) => {
        void rememberTag(taroStorage, tag).then(setRecentTags);
        open(withQuery(ROUTES.tag, { tag }));
      }}
      onOpenMessages={() => open(ROUTES.messages)}
      onOpenChallenges={() => open(ROUTES.challenges)}
      onOpenProfile={(userId) => open(withQuery(ROUTES.profile, { userId }))}
    />
  );
}
