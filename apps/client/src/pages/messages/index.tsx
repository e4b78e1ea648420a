/** 私信: MessagesScreen with the page's shows, reach-bottom and pull-to-refresh. */
import { useQueryClient } from '@tanstack/react-query';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { MessagesScreen } from './MessagesScreen';

export default function MessagesPage() {
  const t = useT();
  usePageChrome(t('messages.title'));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(true);
  const [reachedBottom, setReachedBottom] = useState(0);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  useReachBottom(() => setReachedBottom((n) => n + 1));
  usePullDownRefresh(() => {
    void queryClient.refetchQueries(trpc.messages.conversations.pathFilter()).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <MessagesScreen
        shown={shown}
        reachedBottom={reachedBottom}
        onOpen={(conversation) =>
          void Taro.navigateTo({
            url: withQuery(ROUTES.conversation, { conversationId: conversation.id, userId: conversation.other.userId }),
          })
        }
      />
    </>
  );
}
