// First: configures zod before any schema (from @xiaojia/shared) is used.
import './setup/zod';
import './app.css';

import Taro from '@tarojs/taro';
import type { ErrorCode } from '@xiaojia/shared';
import { type PropsWithChildren, useEffect, useState } from 'react';
import { ApiProvider } from './api/context';
import { createPlatformApiClient, tokenStore } from './api/platform';
import { createAppQueryClient, QueryProvider } from './api/query';
import { t } from './i18n';
import { appCodeOf } from './i18n/errors';
import { ROUTES, withQuery } from './routes';
import { setUploadSessionLostHandler } from './upload';

let leavingSession = false;

/**
 * A lost session (expired, revoked, signed out elsewhere) clears the token and the cached data of that
 * account and restarts at sign-in. The upload queue is left alone: it pauses and resumes after sign-in.
 */
function createQueryClient() {
  const leave = (code: ErrorCode) => {
    if (leavingSession) return;
    leavingSession = true;
    void tokenStore
      .clear()
      .then(() => {
        queryClient.clear();
        return Taro.reLaunch({ url: withQuery(ROUTES.welcome, { reason: code }) });
      })
      .catch(() => undefined)
      .finally(() => {
        leavingSession = false;
      });
  };
  const queryClient = createAppQueryClient({ onSessionLost: leave });
  setUploadSessionLostHandler((error) => leave(appCodeOf(error) ?? 'SESSION_EXPIRED'));
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
  const [client] = useState(createPlatformApiClient);
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    // RN's tab bar has no setTabBarItem before it is shown; the Chinese labels stay there.
    if (process.env.TARO_ENV !== 'rn') translateTabBar();
  }, []);
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
