/**
 * The current home's people and settings: who is in it (name, role with one line of what it may do,
 * joined date, "you"), a page at a time. The owner changes roles, removes someone, hands the home over,
 * lets members invite, renames and deletes the home (typing its name); anyone else may leave. Every
 * destructive step asks first and says exactly what happens. Navigation is handed in (tests).
 */

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Input, Text, View } from '@tarojs/components';
import type { Home, Member } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog, Dialog } from '../../components/ConfirmDialog';
import { HomeNameDialog } from '../../components/NameDialog/HomeNameDialog';
import { Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import type { CurrentHome } from '../../home';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { formatDateTime } from '../../lib/format';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import { mayInvite } from './roles';
import './index.css';
import { loadFamilyPagesMessages } from '../../i18n/family-pages';

loadFamilyPagesMessages();

/** Members asked for at a time: every home fits in one page (HOME_MEMBERS_MAX), "load more" is a fallback. */
export const MEMBER_PAGE_SIZE = 50;

export interface MembersScreenProps {
  onInvite(): void;
  /** The user is no longer in the home (left it or deleted it): go somewhere they still belong. */
  onHomeGone(): void;
  reachedBottom?: number;
}

type Ask =
  | { kind: 'remove' | 'handOver'; member: Member }
  | { kind: 'leave' | 'ownerLeave' | 'delete' | 'rename' }
  | null;

/** The states before there is a home to show (loading, failure, no home at all) are HomeGate's. */
export function MembersScreen(props: MembersScreenProps) {
  return <HomeGate>{(home, current) => <HomeMembers {...props} home={home} current={current} />}</HomeGate>;
}

function HomeMembers({
  onInvite,
  onHomeGone,
  reachedBottom = 0,
  home,
  current,
}: MembersScreenProps & { home: Home; current: CurrentHome }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const homeId = home.id;
  const members = useInfiniteQuery({
    ...trpc.homes.members.infiniteQueryOptions(
      { homeId, limit: MEMBER_PAGE_SIZE },
      {
        getNextPageParam: nextPageOf,
      },
    ),
    // usePagedItems keys items by id.
    select: (data) => ({
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.map((m) => ({ ...m, id: m.userId })) })),
    }),
  });
  const listed = usePagedItems(members);
  const [ask, setAsk] = useState<Ask>(null);
  const [typedName, setTypedName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const isOwner = home.role === 'owner';
  const refresh = invalidate.homesChanged;
  const done = (text: string) => {
    setAsk(null);
    setFailure(null);
    setNotice(text);
    void refresh();
  };
  const failed = (error: unknown) => {
    setFailure(error);
    setNotice(t('members.failed', { message: errorMessage(error, t) }));
  };
  /** Forgets the home here (so no screen keeps showing it) and leaves for one the user is still in. */
  const homeGone = async (gone: Home, text: string) => {
    setAsk(null);
    setNotice(text);
    const next = current.homes.find((other) => other.id !== gone.id);
    queryClient.setQueryData(trpc.homes.list.queryKey(), (list) =>
      list ? { items: list.items.filter((item) => item.id !== gone.id) } : list,
    );
    if (next) await current.switchTo(next.id);
    else await queryClient.invalidateQueries(trpc.homes.list.pathFilter());
    onHomeGone();
  };

  const setRole = useMutation(trpc.homes.setRole.mutationOptions({ onError: failed }));
  const remove = useMutation(trpc.homes.removeMember.mutationOptions({ onError: failed }));
  const handOver = useMutation(trpc.homes.transferOwnership.mutationOptions({ onError: failed }));
  const update = useMutation(trpc.homes.update.mutationOptions({ onError: failed }));
  const leave = useMutation(trpc.homes.leave.mutationOptions({ onError: failed }));
  const deleteHome = useMutation(trpc.homes.delete.mutationOptions({ onError: failed }));

  const items = members.data ? listed.items : undefined;

  const roleLabel = (role: Member['role']) => t(`roles.${role}`);
  const start = (next: Ask) => {
    setNotice(null);
    setFailure(null);
    setTypedName('');
    setAsk(next);
  };
  const asked = ask && 'member' in ask ? ask.member : null;

  return (
    <View className="screen" id="members-page">
      <View className="screen__card" id="home-card">
        <Text id="home-name" className="members__home-name">
          {home.name}
        </Text>
        <Text className="screen__hint">{t('members.count', { count: home.memberCount, owner: home.ownerName })}</Text>
        {mayInvite(home) && (
          <ActionButton
            id="members-invite"
            className="screen__button screen__button--primary screen__button--block members__invite"
            onClick={onInvite}
          >
            {t('members.invite')}
          </ActionButton>
        )}
      </View>

      <Notice id="members-notice" text={notice} />

      <View className="screen__card">
        <Text className="screen__heading">{t('members.title')}</Text>
        {items ? (
          <View id="members-list">
            {items.map((member) => (
              <View key={member.userId} id={`member-${member.userId}`} className="members__row">
                <View className="members__who">
                  <Text className="members__name">{member.displayName}</Text>
                  {member.isYou && (
                    <Text id="member-you" className="members__badge">
                      {t('members.you')}
                    </Text>
                  )}
                  <Text className={`members__role members__role--${member.role}`}>{roleLabel(member.role)}</Text>
                </View>
                <Text className="screen__hint">{t(`roles.${member.role}.can`)}</Text>
                <Text className="screen__hint">
                  {t('members.joined', { date: formatDateTime(member.joinedAt).slice(0, 10) })}
                </Text>
                {isOwner && member.role !== 'owner' && (
                  <View className="members__actions">
                    <ActionButton
                      id={`member-role-${member.userId}`}
                      className="screen__button members__action"
                      busy={setRole.isPending && setRole.variables?.userId === member.userId}
                      onClick={() => {
                        const role = member.role === 'member' ? 'viewer' : 'member';
                        setNotice(null);
                        setRole.mutate(
                          { homeId: home.id, userId: member.userId, role },
                          {
                            onSuccess: () =>
                              done(t('members.roleChanged', { name: member.displayName, role: roleLabel(role) })),
                          },
                        );
                      }}
                    >
                      {member.role === 'member' ? t('members.makeViewer') : t('members.makeMember')}
                    </ActionButton>
                    <ActionButton
                      id={`member-hand-over-${member.userId}`}
                      className="screen__button members__action"
                      onClick={() => start({ kind: 'handOver', member })}
                    >
                      {t('members.handOver')}
                    </ActionButton>
                    <ActionButton
                      id={`member-remove-${member.userId}`}
                      className="screen__button screen__button--danger members__action"
                      onClick={() => start({ kind: 'remove', member })}
                    >
                      {t('members.remove')}
                    </ActionButton>
                  </View>
                )}
              </View>
            ))}
          </View>
        ) : (
          <QueryState
            id="members-state"
            loadingKey="members.loading"
            failedKey="members.loadFailed"
            isPending={members.isPending}
            error={members.error}
            onRetry={() => void members.refetch()}
          />
        )}
        <LoadMore
          id="members-load-more"
          hasMore={members.hasNextPage}
          loading={members.isFetchingNextPage}
          reachedBottom={reachedBottom}
          onLoadMore={listed.loadMore}
        />
      </View>

      {isOwner && (
        <View className="screen__card" id="home-settings">
          <Text className="screen__heading">{t('members.settings')}</Text>
          <View className="screen__row">
            <Text className="members__setting">{t('members.canInvite')}</Text>
            <ActionButton
              id="members-can-invite"
              className="screen__button members__action"
              busy={update.isPending && update.variables?.membersCanInvite !== undefined}
              onClick={() => {
                setNotice(null);
                update.mutate(
                  { homeId: home.id, membersCanInvite: !home.membersCanInvite },
                  {
                    onSuccess: (next) =>
                      done(
                        t('members.canInvite.changed', {
                          state: next.membersCanInvite ? t('members.canInvite.on') : t('members.canInvite.off'),
                        }),
                      ),
                  },
                );
              }}
            >
              {home.membersCanInvite ? t('members.canInvite.turnOff') : t('members.canInvite.turnOn')}
            </ActionButton>
          </View>
          <Text id="members-can-invite-state" className="screen__hint">
            {home.membersCanInvite ? t('members.canInvite.on') : t('members.canInvite.off')}
          </Text>
          <ActionButton
            id="home-rename"
            className="screen__button screen__button--block members__setting-button"
            onClick={() => start({ kind: 'rename' })}
          >
            {t('members.rename')}
          </ActionButton>
        </View>
      )}

      <ActionButton
        id="home-leave"
        className="screen__button screen__button--danger screen__button--block"
        onClick={() => start({ kind: isOwner ? 'ownerLeave' : 'leave' })}
      >
        {t('members.leave')}
      </ActionButton>
      {isOwner && (
        <ActionButton
          id="home-delete"
          className="screen__button screen__button--danger screen__button--block members__delete"
          onClick={() => start({ kind: 'delete' })}
        >
          {t('members.delete')}
        </ActionButton>
      )}

      <ConfirmDialog
        id="remove-dialog"
        open={ask?.kind === 'remove'}
        title={t('members.remove.title', { name: asked?.displayName ?? '', home: home.name })}
        body={t('members.remove.body', { name: asked?.displayName ?? '' })}
        confirmLabel={t('members.remove')}
        cancelLabel={t('common.cancel')}
        danger
        busy={remove.isPending}
        onConfirm={() =>
          asked &&
          remove.mutate(
            { homeId: home.id, userId: asked.userId },
            { onSuccess: () => done(t('members.removed', { name: asked.displayName })) },
          )
        }
        onCancel={() => setAsk(null)}
      />
      <ConfirmDialog
        id="hand-over-dialog"
        open={ask?.kind === 'handOver'}
        title={t('members.handOver.title', { name: asked?.displayName ?? '', home: home.name })}
        body={t('members.handOver.body', { name: asked?.displayName ?? '' })}
        confirmLabel={t('members.handOver')}
        cancelLabel={t('common.cancel')}
        busy={handOver.isPending}
        onConfirm={() =>
          asked &&
          handOver.mutate(
            { homeId: home.id, userId: asked.userId },
            { onSuccess: () => done(t('members.handedOver', { name: asked.displayName })) },
          )
        }
        onCancel={() => setAsk(null)}
      />
      <ConfirmDialog
        id="leave-dialog"
        open={ask?.kind === 'leave'}
        title={t('members.leave.title', { home: home.name })}
        body={t('members.leave.body')}
        confirmLabel={t('members.leave')}
        cancelLabel={t('common.cancel')}
        danger
        busy={leave.isPending}
        onConfirm={() =>
          leave.mutate(
            { homeId: home.id },
            { onSuccess: () => void homeGone(home, t('members.left', { home: home.name })) },
          )
        }
        onCancel={() => setAsk(null)}
      />
      <ConfirmDialog
        id="owner-leave-dialog"
        open={ask?.kind === 'ownerLeave'}
        title={t('members.leave.owner.title')}
        body={t('members.leave.owner.body')}
        confirmLabel={t('common.confirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => setAsk(null)}
        onCancel={() => setAsk(null)}
      />
      <Dialog
        id="delete-dialog"
        open={ask?.kind === 'delete'}
        title={t('members.delete.title', { home: home.name })}
        confirmLabel={t('members.delete.confirm')}
        cancelLabel={t('common.cancel')}
        danger
        busy={deleteHome.isPending}
        onConfirm={() =>
          deleteHome.mutate(
            { homeId: home.id, confirmName: typedName },
            { onSuccess: () => void homeGone(home, t('members.deleted', { home: home.name })) },
          )
        }
        onCancel={() => setAsk(null)}
      >
        <Text className="xj-dialog__body">{t('members.delete.body')}</Text>
        <Text className="xj-dialog__body">{t('members.delete.typeName', { home: home.name })}</Text>
        <Input
          id="delete-dialog-input"
          className="xj-dialog__input"
          value={typedName}
          maxlength={100}
          disabled={deleteHome.isPending || undefined}
          onInput={(event) => {
            setTypedName(event.detail.value);
            setFailure(null);
          }}
        />
        {failure !== null && ask?.kind === 'delete' && (
          <Text id="delete-dialog-error" className="xj-dialog__error">
            {errorMessage(failure, t)}
          </Text>
        )}
      </Dialog>
      <HomeNameDialog
        id="rename-dialog"
        open={ask?.kind === 'rename'}
        title={t('members.rename.title')}
        initial={home.name}
        busy={update.isPending}
        error={ask?.kind === 'rename' ? failure : null}
        onConfirm={(name) =>
          update.mutate(
            { homeId: home.id, name },
            { onSuccess: (next) => done(t('members.renamed', { name: next.name })) },
          )
        }
        onCancel={() => setAsk(null)}
      />
    </View>
  );
}
