/**
 * Welcome / sign-in page: a device that already has a session goes straight to the timeline; otherwise
 * the sign-in screen, and after sign-in the timeline (uploads paused by a lost session carry on when the
 * same account signs in again; another account's are dropped).
 */

import { useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AuthResult } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { tokenStore } from '../../api/platform';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { existingUploadQueue, uploadsSignedIn } from '../../upload/session';
import { WelcomeScreen } from './WelcomeScreen';
import './index.css';

async function enter() {
  await Taro.switchTab({ url: ROUTES.timeline });
}

export default function WelcomePage() {
  const t = useT();
  // The screen's own heading is the app's name; the bar says what the page is for.
  usePageChrome(t('auth.title'));
  const queryClient = useQueryClient();
  const { params } = useRouter();
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    let current = true;
    tokenStore
      .get()
      .then((token) => {
        if (!current) return;
        if (!token) {
          setChecking(false);
          return;
        }
        // Still the same session: uploads it paused carry on.
        existingUploadQueue()?.resume();
        void enter();
      })
      .catch(() => current && setChecking(false));
    return () => {
      current = false;
    };
  }, []);

  async function signedIn(result: AuthResult) {
    await tokenStore.set(result.token);
    // Nothing cached from a previous account may show.
    queryClient.clear();
    // The previous account's uploads carry on only if it is the same account.
    uploadsSignedIn(result.user.id);
    await enter();
  }

  if (checking) {
    return (
      <View className="welcome">
        <Text className="welcome__hint">{t('auth.checking')}</Text>
      </View>
    );
  }
  return <WelcomeScreen reason={params.reason} onSignedIn={signedIn} />;
}
