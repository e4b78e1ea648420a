/**
 * Me: who is signed in, the way to the family (members, invites, a new home), the trash and storage settings, the signed-in devices (this one
 * marked; any other can be signed out) and signing out. Navigation and leaving the session are handed in.
 */

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import type { Device } from '@xiaojia/shared';
import { useState } from 'react';
import { useTRPC } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { HomeNameDialog } from '../../components/NameDialog/HomeNameDialog';
import { Notice, QueryState } from '../../components/Screen';
import { formatDateTime } from '../../components/Screen/format';
import { nextPageOf, usePagedItems } from '../../components/Screen/paging';
import { LoadMore } from '../../components/Screen/photos';
import { canOpenTrash, useCurrentHome, useMakeHomeCurrent } from '../../home';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { mayInvite } from '../members/roles';
import './index.css';

export type AccountLink = 'members' | 'invite' | 'albums' | 'trash' | 'storage';

export interface AccountScreenProps {
  onOpen(link: AccountLink): void;
  /** Signing out has begun: the server forgets the session before it answers. */
  onSigningOut(): void;
  /** The server forgot this session (or could not be told): clear it here and go to sign-in. */
  onSignedOut(): void;
}

const LINKS: readonly AccountLink[] = ['trash', 'storage', 'albums'];
/** Devices asked for at a time; most families have a handful, the rest behind "load more". */
export const DEVICE_PAGE_SIZE = 20;

export function AccountScreen({ onOpen, onSigningOut, onSignedOut }: AccountScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const devices = useInfiniteQuery(
    trpc.auth.devices.infiniteQueryOptions({ limit: DEVICE_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const listedDevices = usePagedItems(devices);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [askSignOut, setAskSignOut] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useCurrentHome();
  const makeCurrent = useMakeHomeCurrent();
  const [creatingHome, setCreatingHome] = useState(false);
  const createHome = useMutation(
    trpc.homes.create.mutationOptions({
      async onSuccess(home) {
        setCreatingHome(false);
        await makeCurrent(home);
        setNotice(t('account.newHome.created', { name: home.name }));
      },
    }),
  );
  // The family rows first; inviting only for those the home lets invite; no trash for a viewer, who has none.
  const links: readonly AccountLink[] = [
    'members',
    ...(mayInvite(current.home) ? (['invite'] as const) : []),
    ...LINKS.filter((link) => link !== 'trash' || (current.role !== undefined && canOpenTrash(current.role))),
  ];

  const revoke = useMutation(
    trpc.auth.revokeDevice.mutationOptions({
      onSuccess() {
        setRevoking(null);
        setNotice(t('account.device.revoked'));
        void queryClient.invalidateQueries(trpc.auth.devices.pathFilter());
      },
      onError(error) {
        setRevoking(null);
        setNotice(t('account.failed', { message: errorMessage(error, t) }));
      },
    }),
  );
  // Leaving must work offline too: whatever the server answers, this device forgets its session.
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onMutate: onSigningOut, onSettled: onSignedOut }));

  const user = me.data;
  return (
    <View className="screen" id="account-page">
      {user ? (
        <View className="screen__card account__profile" id="account-profile">
          <Text id="account-name" className="account__name">
            {user.displayName}
          </Text>
          {user.username && (
            <Text id="account-username" className="screen__hint">
              {t('account.username')} {user.username}
            </Text>
          )}
          <Text className="screen__hint">
            {t('account.wechat')} {user.wechatLinked ? t('account.wechatLinked') : t('account.wechatNotLinked')}
            {' · '}
            {t('account.since', { date: formatDateTime(user.createdAt).slice(0, 10) })}
          </Text>
        </View>
      ) : (
        <QueryState
          loadingKey="account.loading"
          failedKey="account.loadFailed"
          isPending={me.isPending}
          error={me.error}
          onRetry={() => void me.refetch()}
        />
      )}

      <View className="screen__card account__links">
        {links.map((link) => (
          <View
            key={link}
            id={`account-link-${link}`}
            className="screen__row account__link"
            onClick={() => onOpen(link)}
          >
            <Text className="account__link-text">{t(`account.links.${link}`)}</Text>
            <Text className="account__chevron">›</Text>
          </View>
        ))}
        <View
          id="account-link-newHome"
          className="screen__row account__link"
          onClick={() => {
            createHome.reset();
            setNotice(null);
            setCreatingHome(true);
          }}
        >
          <Text className="account__link-text">{t('account.links.newHome')}</Text>
          <Text className="account__chevron">+</Text>
        </View>
      </View>

      <Notice id="account-notice" text={notice} />

      <View className="screen__card" id="devices">
        <Text className="screen__heading">{t('account.devices')}</Text>
        {devices.data ? (
          listedDevices.items.map((device) => (
            <View key={device.id} id={`device-${device.id}`} className="screen__row account__device">
              <View className="account__device-main">
                <View className="account__device-title">
                  <Text className="account__device-label">{device.label}</Text>
                  {device.current && (
                    <Text id="device-current" className="account__badge">
                      {t('account.device.current')}
                    </Text>
                  )}
                </View>
                <Text className="screen__hint">
                  {t('account.device.lastSeen', { time: formatDateTime(device.lastSeenAt) })}
                </Text>
              </View>
              {!device.current && (
                <Button
                  id={`device-revoke-${device.id}`}
                  className="screen__button screen__button--danger account__revoke"
                  onClick={() => {
                    setNotice(null);
                    setRevoking(device);
                  }}
                >
                  {t('account.device.revoke')}
                </Button>
              )}
            </View>
          ))
        ) : (
          <QueryState
            id="devices-state"
            loadingKey="account.loading"
            failedKey="account.loadFailed"
            isPending={devices.isPending}
            error={devices.error}
            onRetry={() => void devices.refetch()}
          />
        )}
        <LoadMore
          id="devices-load-more"
          hasMore={devices.hasNextPage}
          loading={devices.isFetchingNextPage}
          onLoadMore={listedDevices.loadMore}
        />
      </View>

      <Button
        id="account-sign-out"
        className="screen__button screen__button--danger screen__button--block"
        onClick={() => setAskSignOut(true)}
      >
        {t('account.signOut')}
      </Button>

      <HomeNameDialog
        id="new-home-dialog"
        open={creatingHome}
        title={t('account.newHome.title')}
        busy={createHome.isPending}
        error={createHome.error}
        onConfirm={(name) => createHome.mutate({ name })}
        onCancel={() => setCreatingHome(false)}
      />
      <ConfirmDialog
        id="revoke-dialog"
        open={revoking !== null}
        title={t('account.device.revoke.title', { label: revoking?.label ?? '' })}
        body={t('account.device.revoke.body')}
        confirmLabel={t('account.device.revoke')}
        cancelLabel={t('common.cancel')}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
      <ConfirmDialog
        id="sign-out-dialog"
        open={askSignOut}
        title={t('account.signOut.title')}
        body={t('account.signOut.body')}
        confirmLabel={t('account.signOut')}
        cancelLabel={t('common.cancel')}
        danger
        busy={signOut.isPending}
        onConfirm={() => signOut.mutate()}
        onCancel={() => setAskSignOut(false)}
      />
    </View>
  );
}
