/** A conversation: ConversationScreen for `?conversationId=` or `?userId=` (a profile's 私信 button). */
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { ConversationScreen } from './ConversationScreen';

export default function ConversationPage() {
  const t = useT();
  usePageChrome(t('conversation.title'));
  const { params } = useRouter();
  const [shown, setShown] = useState(true);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <ConversationScreen
        conversationId={params.conversationId || undefined}
        userId={params.userId || undefined}
        shown={shown}
        onOpenProfile={(userId) => void Taro.navigateTo({ url: withQuery(ROUTES.profile, { userId }) })}
      />
    </>
  );
}
