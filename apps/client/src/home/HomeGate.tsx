/**
 * What a home's screen shows before it has a home to show: loading, a failure with a retry, or, for a
 * user in no home at all (they left or were removed), one big button that makes them a home of their own.
 * Invites are opened from the link or code the family sends (the join page).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import type { Home } from '@xiaojia/shared';
import type { ReactNode } from 'react';
import { useTRPC } from '../api/query';
import { ActionButton } from '../components/ActionButton';
import { EmptyState, QueryState } from '../components/Screen';
import { useT } from '../i18n';
import { errorMessage } from '../i18n/errors';
import { type CurrentHome, useCurrentHome, useMakeHomeCurrent } from './use-current-home';

/** A home of one's own, named after the user ("外婆的家"); it can be renamed later. */
export function NoHome() {
  const t = useT();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const makeCurrent = useMakeHomeCurrent();
  const create = useMutation(trpc.homes.create.mutationOptions({ onSuccess: (home) => makeCurrent(home) }));
  const name = me.data ? t('homes.defaultName', { name: me.data.displayName }) : t('homes.defaultNameAnon');
  return (
    <View className="screen" id="no-home">
      <View className="screen__card">
        <Text className="screen__heading">{t('homes.none.title')}</Text>
        <Text className="screen__hint">{t('homes.none.body')}</Text>
      </View>
      <ActionButton
        id="no-home-create"
        className="screen__button screen__button--primary screen__button--block"
        busy={create.isPending}
        onClick={() => create.mutate({ name })}
      >
        {t('homes.none.create', { name })}
      </ActionButton>
      {create.isError && (
        <Text id="no-home-error" className="screen__error">
          {t('homes.createFailed', { message: errorMessage(create.error, t) })}
        </Text>
      )}
      <Text className="screen__hint">{t('homes.none.invited')}</Text>
    </View>
  );
}

/**
 * Renders `children` with the current home once there is one (or with the home `homeId` names: a page
 * opened for one home keeps showing that home); the states before it otherwise.
 */
export function HomeGate({
  homeId,
  children,
}: {
  homeId?: string;
  children(home: Home, current: CurrentHome): ReactNode;
}) {
  const t = useT();
  const current = useCurrentHome();
  const shown = homeId ? (current.homes.find((home) => home.id === homeId) ?? null) : current.home;
  if (shown) return <>{children(shown, current)}</>;
  if (current.noHome) return <NoHome />;
  if (homeId && !current.isPending && !current.error) {
    return (
      <View className="screen">
        <EmptyState id="home-gone" text={t('homes.notIn')} />
      </View>
    );
  }
  return (
    <View className="screen">
      <QueryState
        id="home-state"
        loadingKey="common.loading"
        failedKey="homes.loadFailed"
        isPending={current.isPending}
        error={current.error}
        onRetry={current.refetch}
      />
    </View>
  );
}
