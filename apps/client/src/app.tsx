// First: configures zod before any schema (from @xiaojia/shared) is used.
import './setup/zod';
import './styles/global';

import Taro from '@tarojs/taro';
import { type PropsWithChildren, useEffect, useState } from 'react';
import type { ApiClient } from './api/client';
import { ApiProvider } from './api/context';
import { createPlatformApiClient, tokenStore } from './api/platform';
import { createAppQueryClient, isSessionLost, QueryProvider } from './api/query';
import { t } from './i18n';
import { appCodeOf } from './i18n/errors';
import { ROUTES, restartAtWelcome } from './routes';
import { createSessionExit, SessionExitProvider } from './session';
import { useColorScheme } from './styles/color-scheme';
import { followSystemColorScheme, paintTabBar } from './styles/system-scheme';
import { endUploads, existingUploadQueue, setUploadSessionLostHandler } from './upload/session';

function onWelcomePage(): boolean {
  const pages = Taro.getCurrentPages();
  const route = pages[pages.length - 1]?.route ?? '';
  return `/${route.replace(/^\//, '')}`.startsWith(ROUTES.welcome);
}

/**
 * The app's query client and session exit: a lost session (expired, revoked, signed out elsewhere) or a
 * sign-out clears the token and that account's cached data and restarts at sign-in (session.ts). A lost
 * session pauses the upload queue for the same account's next sign-in; a sign-out ends it.
 */
function createSession(client: ApiClient) {
  const exit = createSessionExit({
    tokens: tokenStore,
    serverRefusesSession: () => client.auth.me.query().then(() => false, isSessionLost),
    restartAtWelcome: (reason) => restartAtWelcome(queryClient, reason),
    onWelcomePage,
    resumeUploads: () => existingUploadQueue()?.resume(),
    endUploads,
  });
  const queryClient = createAppQueryClient({ onSessionLost: (code) => void exit.lost(code) });
  setUploadSessionLostHandler((error) => void exit.lost(appCodeOf(error) ?? 'SESSION_EXPIRED'));
  return { queryClient, exit };
}

/** Tab labels in the user's language (app.config.ts can only hold one language). */
function translateTabBar() {
  const labels = ['tab.timeline', 'tab.albums', 'tab.discover', 'tab.feed', 'tab.me'] as const;
  labels.forEach((key, index) => {
    Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
  });
}

function App({ children }: PropsWithChildren) {
  // Before the first page renders, so it draws in the system's light or dark palette.
  followSystemColorScheme();
  const scheme = useColorScheme();
  const [client] = useState(createPlatformApiClient);
  const [{ queryClient, exit }] = useState(() => createSession(client));
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
        <SessionExitProvider value={exit}>{children}</SessionExitProvider>
      </QueryProvider>
    </ApiProvider>
  );
}

export default App;
