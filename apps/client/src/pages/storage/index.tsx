/**
 * Storage settings: where photos live now, binding a Qiniu bucket with the step-by-step guide, rotating
 * keys (binding the same bucket again with new keys) and unbinding. Only the masked access key is ever
 * shown; the secret key goes in once, in a password field, and never comes back. The binding belongs to
 * the home and only its owner changes it: the family see where their photos live, read-only.
 */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import type { BindStorageInput, Home, StorageStatus } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { BackButton } from '../../components/BackButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice, QueryState } from '../../components/Screen';
import { usePageChrome } from '../../components/Screen/chrome';
import { StorageBindForm } from '../../components/StorageBindForm';
import { StorageGuide } from '../../components/StorageGuide';
import { canManageStorage } from '../../home';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { regionName } from '../../i18n/keys';
import { formatDateTime } from '../../lib/format';
import { ROUTES } from '../../routes';
import './index.css';

function StatusRow({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <View className="screen__row">
      <Text className="screen__label">{label}</Text>
      <Text id={id} className="screen__value">
        {value}
      </Text>
    </View>
  );
}

export default function StoragePage() {
  const t = useT();
  usePageChrome(t('storage.title'));
  // Opened from "Me": the current home's storage.
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <HomeGate>{(home) => <StorageScreen home={home} />}</HomeGate>
    </>
  );
}

export function StorageScreen({ home }: { home: Home }) {
  const t = useT();
  const homeId = home.id;
  const owner = canManageStorage(home.role);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const status = useQuery(trpc.storage.status.queryOptions({ homeId }));
  // Rotating keys shows the form over a bound bucket; without a binding the form is always there.
  const [rotating, setRotating] = useState(false);
  const [askUnbind, setAskUnbind] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  function settled(next: StorageStatus) {
    queryClient.setQueryData(trpc.storage.status.queryKey({ homeId }), next);
    // Photos of a bucket just bound again become readable, those of one just unbound do not: lists change.
    void invalidate.photosChanged();
  }

  const bind = useMutation(trpc.storage.bind.mutationOptions({ onSuccess: settled }));
  const unbind = useMutation(
    trpc.storage.unbind.mutationOptions({
      onSuccess(next) {
        settled(next);
        setAskUnbind(false);
        setNotice(t('storage.unbind.done'));
      },
      onError(error) {
        setAskUnbind(false);
        setNotice(t('storage.unbind.failed', { message: errorMessage(error, t) }));
      },
    }),
  );

  const current = status.data;
  if (!current) {
    return (
      <View className="screen" id="storage-page">
        <QueryState
          loadingKey="storage.loading"
          failedKey="storage.loadFailed"
          isPending={status.isPending}
          error={status.error}
          onRetry={() => void status.refetch()}
        />
      </View>
    );
  }

  const bound = current.provider === 'qiniu';
  const onBound = (input: BindStorageInput) => {
    setRotating(false);
    setNotice(t('storage.form.bound', { bucket: input.bucket }));
  };

  return (
    <View className="screen" id="storage-page">
      <Notice id="storage-notice" text={notice} />

      <View className="screen__card" id="storage-status">
        <Text className="screen__heading">{t('storage.status.heading')}</Text>
        <Text id="storage-provider" className="screen__value storage__provider">
          {bound ? t('storage.status.qiniu') : t('storage.status.embedded')}
        </Text>
        {!bound && <Text className="screen__hint">{t('storage.status.embeddedHint')}</Text>}
        {bound && (
          <View>
            <StatusRow id="storage-bucket" label={t('storage.status.bucket')} value={current.bucket ?? ''} />
            <StatusRow id="storage-domain" label={t('storage.status.domain')} value={current.domain ?? ''} />
            <StatusRow
              id="storage-region"
              label={t('storage.status.region')}
              value={current.region ? `${regionName(t, current.region)} (${current.region})` : ''}
            />
            <StatusRow
              id="storage-access-key"
              label={t('storage.status.accessKey')}
              value={current.accessKeyMasked ?? ''}
            />
            <StatusRow
              id="storage-verified-at"
              label={t('storage.status.verifiedAt')}
              value={current.verifiedAt ? formatDateTime(current.verifiedAt) : t('storage.status.never')}
            />
            {current.lastError && (
              <StatusRow id="storage-last-error" label={t('storage.status.lastError')} value={current.lastError} />
            )}
          </View>
        )}
        {current.unboundPhotoCount > 0 && (
          <Text id="storage-unbound-count" className="screen__hint storage__unbound">
            {t('storage.status.unbound', { count: current.unboundPhotoCount })}
          </Text>
        )}
      </View>

      {!owner && (
        <View className="screen__card" id="storage-owner-only">
          <Text className="screen__hint">{t('storage.ownerOnly', { owner: home.ownerName })}</Text>
        </View>
      )}

      {owner && bound && !rotating && (
        <View className="screen__actions">
          <Button
            id="storage-rotate"
            className="screen__button screen__button--primary"
            onClick={() => {
              setNotice(null);
              setRotating(true);
            }}
          >
            {t('storage.rotate.open')}
          </Button>
          <Button
            id="storage-unbind"
            className="screen__button screen__button--danger"
            onClick={() => {
              setNotice(null);
              setAskUnbind(true);
            }}
          >
            {t('storage.unbind.open')}
          </Button>
        </View>
      )}

      {owner && (!bound || rotating) && (
        <View className="storage__binding">
          <StorageGuide />
          <View className="screen__card storage__form-card">
            <Text className="screen__heading">
              {rotating ? t('storage.rotate.heading') : t('storage.bind.heading')}
            </Text>
            {rotating && <Text className="screen__hint storage__rotate-hint">{t('storage.rotate.hint')}</Text>}
            <StorageBindForm
              // A new form per mode: rotating starts from the bound bucket, a first binding from nothing.
              key={rotating ? 'rotate' : 'bind'}
              initial={
                rotating && current.bucket && current.domain && current.region
                  ? { bucket: current.bucket, domain: current.domain, region: current.region }
                  : undefined
              }
              bind={(input) => bind.mutateAsync({ homeId, ...input })}
              onBound={onBound}
              onCancel={rotating ? () => setRotating(false) : undefined}
            />
          </View>
        </View>
      )}

      <ConfirmDialog
        id="unbind-dialog"
        open={askUnbind}
        title={t('storage.unbind.title')}
        body={t('storage.unbind.body', { bucket: current.bucket ?? '' })}
        confirmLabel={t('storage.unbind.confirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={unbind.isPending}
        onConfirm={() => unbind.mutate({ homeId })}
        onCancel={() => setAskUnbind(false)}
      />
    </View>
  );
}
