/**
 * Storage settings: where photos live now, binding a bucket (Qiniu or S3-compatible: the provider picked
 * first, its step-by-step guide, its form), rotating keys (binding the same bucket again with new keys)
 * and unbinding. Only the masked access key is ever shown; the secret key goes in once, in a password
 * field, and never comes back. The binding belongs to the home and only its owner changes it: the family
 * see where their photos live, read-only.
 */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import type { BindStorageInput, Home, StorageStatus, StorageUnchecked } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice, QueryState } from '../../components/Screen';
import { StorageBindForm } from '../../components/StorageBindForm';
import { canManageStorage } from '../../home';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { loadStoragePagesMessages } from '../../i18n/storage-pages';
import { bindingInitial } from './bound-values';
import { StorageStatusCard } from './StorageStatusCard';
import { UncheckedNotes } from './UncheckedNotes';
import './index.css';

loadStoragePagesMessages();

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
  // What the last bind could not check (shown until the next bind or unbind).
  const [unchecked, setUnchecked] = useState<readonly StorageUnchecked[]>([]);

  function settled(next: StorageStatus) {
    queryClient.setQueryData(trpc.storage.status.queryKey({ homeId }), next);
    // Photos of a bucket just bound again become readable, those of one just unbound do not: lists change.
    void invalidate.photosChanged();
  }

  const bind = useMutation(
    trpc.storage.bind.mutationOptions({
      onSuccess(next) {
        settled(next);
        setUnchecked(next.unchecked ?? []);
      },
    }),
  );
  const unbind = useMutation(
    trpc.storage.unbind.mutationOptions({
      onSuccess(next) {
        settled(next);
        setUnchecked([]);
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

  const bound = current.provider !== 'embedded';
  const onBound = (input: BindStorageInput) => {
    setRotating(false);
    setNotice(t('storage.form.bound', { bucket: input.bucket }));
  };

  return (
    <View className="screen" id="storage-page">
      <Notice id="storage-notice" text={notice} />
      <StorageStatusCard status={current} />
      <UncheckedNotes items={unchecked} />

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
        <StorageBindForm
          // A new form per mode: rotating starts from the bound bucket, a first binding from nothing.
          key={rotating ? 'rotate' : 'bind'}
          rotating={rotating}
          initial={rotating ? bindingInitial(current) : undefined}
          bind={(input) => bind.mutateAsync({ homeId, ...input })}
          onBound={onBound}
          onCancel={rotating ? () => setRotating(false) : undefined}
        />
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
