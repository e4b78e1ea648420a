/**
 * Me -> Delete account: before anything is asked, what deleting does for this user, home by home
 * (account.deletion): a home they own alone is deleted with its photos, a home they own with others must be
 * handed over first (the confirm stays off, with a way to Family), and in others' homes their photos stay.
 * Then the password, or for an account without one its display name typed again, and account.delete.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Input, Text, View } from '@tarojs/components';
import { type AccountDeletionSummary, DISPLAY_NAME_MAX, PASSWORD_MAX } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../api/query';
import { Dialog } from '../../components/ConfirmDialog';
import { type Translate, useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';

export interface DeleteAccountDialogProps {
  open: boolean;
  onCancel(): void;
  /** The account is gone (this device signed out with it): leave for the welcome page. */
  onDeleted(): void;
  /** The way to hand a home over. */
  onOpenMembers(): void;
}

const ID = 'delete-account-dialog';

/** One sentence per home: what happens to it and to its photos. */
function homeLines(summary: AccountDeletionSummary, t: Translate): { id: string; text: string; blocks: boolean }[] {
  return [
    ...summary.ownedHomes.map((home) => ({
      id: home.id,
      blocks: home.fate === 'hand_over',
      text: t(home.fate === 'hand_over' ? 'account.delete.owned.handOver' : 'account.delete.owned.deleted', {
        name: home.name,
        photos: home.photoCount,
        others: home.memberCount - 1,
      }),
    })),
    ...summary.joinedHomes.map((home) => ({
      id: home.id,
      blocks: false,
      text: t('account.delete.joined', { name: home.name, owner: home.ownerName, photos: home.photosUploaded }),
    })),
  ];
}

export function DeleteAccountDialog({ open, onCancel, onDeleted, onOpenMembers }: DeleteAccountDialogProps) {
  const t = useT();
  const trpc = useTRPC();
  const summary = useQuery({ ...trpc.account.deletion.queryOptions(), enabled: open, staleTime: 0 });
  const remove = useMutation(trpc.account.delete.mutationOptions({ onSuccess: onDeleted }));
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  // Each opening starts afresh, with the summary asked again: homes may have changed meanwhile.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on opening only, not on every render of the queries
  useEffect(() => {
    if (open) {
      setTyped('');
      setInvalid(null);
      remove.reset();
      void summary.refetch();
    }
  }, [open]);

  const data = summary.data;
  const byPassword = data?.confirmWith === 'password';
  function confirm() {
    if (!data?.canDelete) return;
    if (byPassword) {
      if (typed === '') return setInvalid(t('errors.PASSWORD_REQUIRED'));
      return remove.mutate({ password: typed });
    }
    if (typed.trim() !== data.confirmName) return setInvalid(t('account.delete.nameMismatch'));
    remove.mutate({ confirmName: typed });
  }

  const message = invalid ?? (remove.error ? errorMessage(remove.error, t) : null);
  return (
    <Dialog
      id={ID}
      open={open}
      title={t('account.delete.title')}
      confirmLabel={data && !data.canDelete ? t('account.delete.toMembers') : t('account.delete.confirm')}
      cancelLabel={t('common.cancel')}
      danger={data?.canDelete ?? true}
      busy={remove.isPending || summary.isFetching}
      onConfirm={data && !data.canDelete ? onOpenMembers : confirm}
      onCancel={onCancel}
    >
      {!data ? (
        <Text className="xj-dialog__body">
          {summary.error ? errorMessage(summary.error, t) : t('account.delete.loading')}
        </Text>
      ) : (
        <View id={`${ID}-summary`}>
          {homeLines(data, t).map((line) => (
            <Text
              key={line.id}
              id={`${ID}-home-${line.id}`}
              className={`xj-dialog__body account__fate${line.blocks ? ' account__fate--blocks' : ''}`}
            >
              {line.text}
            </Text>
          ))}
          <Text className="xj-dialog__body">{t('account.delete.everything')}</Text>
          {data.canDelete ? (
            <Input
              id={`${ID}-input`}
              className="xj-dialog__input"
              value={typed}
              password={byPassword}
              maxlength={byPassword ? PASSWORD_MAX : DISPLAY_NAME_MAX}
              placeholder={
                byPassword ? t('account.delete.password') : t('account.delete.typeName', { name: data.confirmName })
              }
              disabled={remove.isPending || undefined}
              onInput={(event) => {
                setTyped(event.detail.value);
                setInvalid(null);
              }}
              onConfirm={confirm}
            />
          ) : (
            <Text id={`${ID}-blocked`} className="xj-dialog__error">
              {t('account.delete.blocked')}
            </Text>
          )}
          {message && (
            <Text id={`${ID}-error`} className="xj-dialog__error">
              {message}
            </Text>
          )}
        </View>
      )}
    </Dialog>
  );
}
