// First: configures zod before any schema (from @xiaojia/shared) is used.
import './setup/zod';
import './styles/global';

import Taro from '@tarojs/taro';
import type { ErrorCode } from '@xiaojia/shared';
import { type PropsWithChildren, useEffect, useState } from 'react';
import type { ApiClient } from './api/client';
import { ApiProvider } from './api/context';
import { createPlatformApiClient, tokenStore } from './api/platform';
import { createAppQueryClient, isSessionLost, QueryProvider } from './api/query';
import { t } from './i18n';
import { appCodeOf } from './i18n/errors';
import { ROUTES, restartAtWelcome } from './routes';
import { useColorScheme } from './styles/color-scheme';
import { followSystemColorScheme, paintTabBar } from './styles/system-scheme';
import { existingUploadQueue, setUploadSessionLostHandler } from './upload';

let leavingSession = false;

function onWelcomePage(): boolean {
  const pages = Taro.getCurrentPages();
  const route = pages[pages.length - 1]?.route ?? '';
  return `/${route.replace(/^\//, '')}`.startsWith(ROUTES.welcome);
}

/**
 * A lost session (expired, revoked, signed out elsewhere) clears the token and the cached data of that
 * account and restarts at sign-in. The upload queue is left alone: it pauses and resumes after sign-in.
 * A late answer to a request of an earlier session (signed out, then in again) must not end the new one,
 * so the current token is asked about first.
 */
function createQueryClient(client: ApiClient) {
  const leave = async (code: ErrorCode) => {
    const token = await tokenStore.get();
    if (token) {
      const lost = await client.auth.me.query().then(
        () => false,
        (error: unknown) => isSessionLost(error),
      );
      if (!lost) {
        // The session is fine: uploads paused by that stale answer carry on.
        existingUploadQueue()?.resume();
        return;
      }
      await tokenStore.clear();
    } else if (onWelcomePage()) {
      return;
    }
    await restartAtWelcome(queryClient, code);
  };
  const leaveOnce = (code: ErrorCode) => {
    if (leavingSession) return;
    leavingSession = true;
    void leave(code)
      .catch(() => undefined)
      .finally(() => {
        leavingSession = false;
      });
  };
  const queryClient = createAppQueryClient({ onSessionLost: leaveOnce });
  setUploadSessionLostHandler((error) => leaveOnce(appCodeOf(error) ?? 'SESSION_EXPIRED'));
  return queryClient;
}

/** Tab labels in the user's language (app.config.ts can only hold one language). */
function translateTabBar() {
  const labels = ['tab.timeline', 'tab.albums', 'tab.me'];
  labels.forEach((key, index) => {
    Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
  });
}

function App({ children }: PropsWithChildren) {
  // Before the first page renders, so it draws in the system's light or dark palette.
  followSystemColorScheme();
  const scheme = useColorScheme();
  const [client] = useState(createPlatformApiClient);
  const [queryClient] = useState(() => createQueryClient(client));
  useEffect(() => {
    // On RN, @tarojs/router-rn keeps the label in its tab config, which the tab bar reads when it renders,
    // so this works before the tab bar exists too (its own icons stay: an unset icon falls back to app.config).
    translateTabBar();
  }, []);
  // After mount: Taro's H5 tab bar hears style changes only once it exists.
  useEffect(() => paintTabBar(scheme), [scheme]);
  // children are the pages Taro renders.
  return (
    <ApiProvider client={client}>
      <QueryProvider client={client} queryClient={queryClient}>
        {children}
      </QueryProvider>
    </ApiProvider>
  );
}

export default App;
