/**
 * Me: who is signed in (the name can be changed, and the password of a password account), the way to the
 * family (members, invites, a new home), the trash and storage settings, exporting each home
 * (ExportCard), the signed-in devices (DevicesCard), signing out, and deleting the account
 * (DeleteAccountDialog). Navigation and leaving the session are handed in.
 */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Text, View } from '@tarojs/components';
import { zDisplayName } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { NameDialog } from '../../components/NameDialog';
import { HomeNameDialog } from '../../components/NameDialog/HomeNameDialog';
import { Notice, QueryState } from '../../components/Screen';
import { canOpenTrash, useCurrentHome, useMakeHomeCurrent } from '../../home';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { mayInvite } from '../members/roles';
import { type CommunityLink, CommunityRows } from './CommunityRows';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { DevicesCard } from './DevicesCard';
import { ExportCard } from './ExportCard';
import { PasswordDialog } from './PasswordDialog';
import { ProfileCard } from './ProfileCard';
import './index.css';

export type AccountLink = 'members' | 'children' | 'invite' | 'albums' | 'trash' | 'storage' | 'communityProfile';

export interface AccountScreenProps {
  onOpen(link: AccountLink | CommunityLink): void;
  /** Signing out has begun: the server forgets the session before it answers. */
  onSigningOut(): void;
  /** The server forgot this session (or could not be told): clear it here and go to sign-in. */
  onSignedOut(): void;
}

const LINKS: readonly AccountLink[] = ['trash', 'storage', 'albums', 'communityProfile'];

/** One row of a list of places and actions: its words and a chevron. */
function LinkRow({ id, text, onClick }: { id: string; text: string; onClick(): void }) {
  return (
    <View id={id} className="screen__row account__link" onClick={onClick}>
      <Text className="account__link-text">{text}</Text>
      <Text className="account__chevron">›</Text>
    </View>
  );
}

export function AccountScreen({ onOpen, onSigningOut, onSignedOut }: AccountScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [askSignOut, setAskSignOut] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const current = useCurrentHome();
  const makeCurrent = useMakeHomeCurrent();
  const [creatingHome, setCreatingHome] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const rename = useMutation(
    trpc.auth.setDisplayName.mutationOptions({
      onSuccess(updated) {
        setRenaming(false);
        queryClient.setQueryData(trpc.auth.me.queryKey(), updated);
        setNotice(t('account.name.saved'));
      },
    }),
  );
  const changePassword = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess({ otherDevicesSignedOut }) {
        setChangingPassword(false);
        setNotice(t('account.password.changed', { count: otherDevicesSignedOut }));
        void invalidate.devicesChanged();
      },
    }),
  );
  /** Opens a dialog afresh: no refusal or notice left from a previous try. */
  const openDialog = (mutation: { reset(): void }, setOpen: (open: boolean) => void) => {
    mutation.reset();
    setNotice(null);
    setOpen(true);
  };
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
    'children',
    ...(mayInvite(current.home) ? (['invite'] as const) : []),
    ...LINKS.filter((link) => link !== 'trash' || (current.role !== undefined && canOpenTrash(current.role))),
  ];

  // Leaving must work offline too: whatever the server answers, this device forgets its session.
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onMutate: onSigningOut, onSettled: onSignedOut }));

  const user = me.data;
  return (
    <View className="screen" id="account-page">
      {user ? (
        <ProfileCard user={user} />
      ) : (
        <QueryState
          loadingKey="account.loading"
          failedKey="account.loadFailed"
          isPending={me.isPending}
          error={me.error}
          onRetry={() => void me.refetch()}
        />
      )}

      {user && (
        <View className="screen__card account__links" id="account-settings">
          <LinkRow id="account-rename" text={t('account.name.edit')} onClick={() => openDialog(rename, setRenaming)} />
          {user.hasPassword && (
            <LinkRow
              id="account-password"
              text={t('account.password.title')}
              onClick={() => openDialog(changePassword, setChangingPassword)}
            />
          )}
        </View>
      )}

      <View className="screen__card account__links">
        {links.map((link) => (
          <LinkRow
            key={link}
            id={`account-link-${link}`}
            text={t(`account.links.${link}`)}
            onClick={() => onOpen(link)}
          />
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

      <CommunityRows onOpen={onOpen} />

      <Notice id="account-notice" text={notice} />

      <ExportCard onNotice={setNotice} />

      <DevicesCard onNotice={setNotice} />

      <Button
        id="account-sign-out"
        className="screen__button screen__button--danger screen__button--block"
        onClick={() => setAskSignOut(true)}
      >
        {t('account.signOut')}
      </Button>
      <Button
        id="account-delete"
        className="screen__button screen__button--block account__delete"
        onClick={() => {
          setNotice(null);
          setDeleting(true);
        }}
      >
        {t('account.delete.entry')}
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
      <NameDialog
        id="display-name-dialog"
        open={renaming}
        title={t('account.name.edit')}
        initial={user?.displayName ?? ''}
        schema={zDisplayName}
        confirmLabel={t('common.save')}
        cancelLabel={t('common.cancel')}
        emptyMessage={t('account.name.empty')}
        tooLongMessage={t('auth.displayName.invalid')}
        busy={rename.isPending}
        error={rename.error ? t('account.failed', { message: errorMessage(rename.error, t) }) : null}
        onConfirm={(displayName) => rename.mutate({ displayName })}
        onCancel={() => setRenaming(false)}
      />
      <PasswordDialog
        open={changingPassword}
        busy={changePassword.isPending}
        error={changePassword.error}
        onConfirm={(input) => changePassword.mutate(input)}
        onCancel={() => setChangingPassword(false)}
      />
      <DeleteAccountDialog
        open={deleting}
        onCancel={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          onSigningOut();
          onSignedOut();
        }}
        onOpenMembers={() => {
          setDeleting(false);
          onOpen('members');
        }}
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
