/**
 * TanStack Query through tRPC's integration: one QueryClient for the app, `useTRPC()` for query/mutation
 * options (`useQuery(trpc.photos.list.queryOptions(...))`), and the app-wide rule that an expired or
 * missing session sends the user back to sign-in. Only the token is cleared on the way: the upload queue
 * lives outside the query cache and resumes after the next sign-in.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@xiaojia/api';
import type { ErrorCode } from '@xiaojia/shared';
import type { ReactNode } from 'react';
import { appCodeOf } from '../i18n/errors';
import type { ApiClient } from './client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Codes that mean "this device is not signed in (any more)". */
export const SESSION_LOST_CODES: readonly ErrorCode[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];

export function isSessionLost(error: unknown): boolean {
  const code = appCodeOf(error);
  return code !== null && SESSION_LOST_CODES.includes(code);
}

export interface AppQueryClientOptions {
  /** Called once per lost session (clear the token, go to sign-in); `code` says which. */
  onSessionLost(code: ErrorCode): void;
}

export function createAppQueryClient({ onSessionLost }: AppQueryClientOptions): QueryClient {
  const handle = (error: unknown) => {
    const code = appCodeOf(error);
    if (code && SESSION_LOST_CODES.includes(code)) onSessionLost(code);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handle }),
    mutationCache: new MutationCache({ onError: handle }),
    defaultOptions: {
      queries: {
        // Signed URLs in answers last minutes: keep lists fresh for a while, refetch after.
        staleTime: 60_000,
        // A wrong app code will not get better by asking again; only network trouble is retried.
        retry: (failureCount, error) => appCodeOf(error) === null && failureCount < 2,
        // Mini-programs and RN have no window focus in the web sense.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Forgets every cached answer (the next account must see nothing of this one), once no screen observes a
 * query any more. Clearing under a mounted screen makes it fetch again at once, and the closing pages of a
 * sign-out would do that without a session. Pages close on timers after a navigation resolves, so this
 * waits for the last observer to go, or `limitMs` at most.
 */
export function clearWhenUnobserved(queryClient: QueryClient, limitMs = 3000): Promise<void> {
  const cache = queryClient.getQueryCache();
  const observed = () => cache.getAll().some((query) => query.getObserversCount() > 0);
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      queryClient.clear();
      resolve();
    };
    const unsubscribe = cache.subscribe((event) => {
      if (event.type === 'observerRemoved' && !observed()) done();
    });
    const timer = setTimeout(done, limitMs);
    if (!observed()) done();
  });
}

/** QueryClient + tRPC context for the screens; `queryClient` is handed in so tests can use their own. */
export function QueryProvider({
  client,
  queryClient,
  children,
}: {
  client: ApiClient;
  queryClient: QueryClient;
  children?: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
