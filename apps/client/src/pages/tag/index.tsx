/** A tag's feed (?tag=): TagScreen with the page's reach-bottom and pull-to-refresh. */
import { useQueryClient } from '@tanstack/react-query';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { ROUTES, withQuery } from '../../routes';
import { TagScreen } from './TagScreen';

/** Taro hands H5 query values still encoded and weapp's decoded: a CJK tag arrives either way. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export default function TagPage() {
  const { params } = useRouter();
  const tag = decoded(params.tag ?? '');
  usePageChrome(`#${tag}`);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  usePullDownRefresh(() => {
    void queryClient.refetchQueries(trpc.feeds.tag.pathFilter()).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <>
      <BackButton fallbackTab={ROUTES.discover} />
      <TagScreen
        tag={tag}
        reachedBottom={reachedBottom}
        onOpenWork={(work) => void Taro.navigateTo({ url: withQuery(ROUTES.work, { workId: work.id }) })}
      />
    </>
  );
}
