/** Me -> signed-in devices: a page at a time, this one marked; any other can be signed out after a confirm. */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import type { Device } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { formatDateTime } from '../../lib/format';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { deviceName } from './device-name';

/** Devices asked for at a time; most families have a handful, the rest behind "load more". */
export const DEVICE_PAGE_SIZE = 20;

export interface DevicesCardProps {
  onNotice(text: string | null): void;
}

export function DevicesCard({ onNotice }: DevicesCardProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const devices = useInfiniteQuery(
    trpc.auth.devices.infiniteQueryOptions({ limit: DEVICE_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const listedDevices = usePagedItems(devices);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const wechatName = t('account.wechat');
  const revoke = useMutation(
    trpc.auth.revokeDevice.mutationOptions({
      onSuccess() {
        setRevoking(null);
        onNotice(t('account.device.revoked'));
        void invalidate.devicesChanged();
      },
      onError(error) {
        setRevoking(null);
        onNotice(t('account.failed', { message: errorMessage(error, t) }));
      },
    }),
  );

  return (
    <>
      <View className="screen__card" id="devices">
        <Text className="screen__heading">{t('account.devices')}</Text>
        {devices.data ? (
          listedDevices.items.map((device) => (
            <View key={device.id} id={`device-${device.id}`} className="screen__row account__device">
              <View className="account__device-main">
                <View className="account__device-title">
                  <Text className="account__device-label">{deviceName(device.label, wechatName)}</Text>
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
                    onNotice(null);
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
      <ConfirmDialog
        id="revoke-dialog"
        open={revoking !== null}
        title={t('account.device.revoke.title', { label: revoking ? deviceName(revoking.label, wechatName) : '' })}
        body={t('account.device.revoke.body')}
        confirmLabel={t('account.device.revoke')}
        cancelLabel={t('common.cancel')}
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
