import { useQueryClient } from '@tanstack/react-query';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { usePageChrome } from '../../components/Screen/chrome';
import { useCurrentHome } from '../../home';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { TimelineScreen } from './TimelineScreen';

export default function TimelinePage() {
  const t = useT();
  const { home } = useCurrentHome();
  usePageChrome(home?.name ?? t('timeline.title'));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  usePullDownRefresh(() => {
    void Promise.all([
      queryClient.refetchQueries(trpc.homes.list.queryFilter()),
      queryClient.refetchQueries(trpc.photos.list.pathFilter(), { cancelRefetch: false }),
    ]).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <HomeGate>
      {(current, { homes, switchTo }) => (
        <TimelineScreen home={current} homes={homes} switchTo={switchTo} reachedBottom={reachedBottom} />
      )}
    </HomeGate>
  );
}
