import { useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AuthResult } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { tokenStore } from '../../api/platform';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { loadFamilyPagesMessages } from '../../i18n/family-pages';
import { ROUTES } from '../../routes';
import { uploadsSignedIn } from '../../upload/session';
import { inviteCodeFrom } from './code';
import { JoinScreen } from './JoinScreen';

loadFamilyPagesMessages();

export default function JoinPage() {
  const t = useT();
  usePageChrome(t('join.title'));
  const queryClient = useQueryClient();
  const { params } = useRouter();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  useEffect(() => {
    let current = true;
    tokenStore.get().then(
      (token) => current && setSignedIn(Boolean(token)),
      () => current && setSignedIn(false),
    );
    return () => {
      current = false;
    };
  }, []);

  async function signedInNow(result: AuthResult) {
    await tokenStore.set(result.token);
    // Nothing cached from a previous account may show; the preview asks again, now knowing who asks.
    queryClient.clear();
    uploadsSignedIn(result.user.id);
    setSignedIn(true);
  }

  return (
    <>
      <BackButton fallbackTab={ROUTES.timeline} />
      {signedIn === null ? (
        <View className="screen">
          <Text className="screen__hint">{t('auth.checking')}</Text>
        </View>
      ) : (
        <JoinScreen
          code={inviteCodeFrom(params)}
          signedIn={signedIn}
          onSignedIn={signedInNow}
          onJoined={() => void Taro.switchTab({ url: ROUTES.timeline })}
        />
      )}
    </>
  );
}
