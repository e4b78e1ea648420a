import { useQueryClient } from '@tanstack/react-query';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useTRPC } from '../../api/query';
import { usePageChrome } from '../../components/Screen/chrome';
import { useCurrentHome } from '../../home';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { useFeedBadge } from '../../lib/feed-badge';
import { TimelineScreen } from './TimelineScreen';

export default function TimelinePage() {
  const t = useT();
  const { home } = useCurrentHome();
  usePageChrome(home?.name ?? t('timeline.title'));
  useFeedBadge();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  usePullDownRefresh(() => {
    void Promise.all([
      queryClient.refetchQueries(trpc.homes.list.queryFilter()),
      queryClient.refetchQueries(trpc.photos.pathFilter(), { cancelRefetch: false }),
    ]).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <HomeGate>
      {(current, { homes, switchTo }) => <TimelineScreen home={current} homes={homes} switchTo={switchTo} />}
    </HomeGate>
  );
}
