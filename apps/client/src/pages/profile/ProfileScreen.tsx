/**
 * A community profile (?userId=): name, bio (one's own editable; a content check's refusal said as the
 * server gave it), counts, follow (optimistic), 私信, the works (one's own in every state, with badges),
 * and followers / following, each a page at a time. Someone the caller blocked (the server's blockedByMe)
 * shows their name and counts with the block said and an unblock button, none of their works or lists.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Text, Textarea, View } from '@tarojs/components';
import { BIO_MAX, type CommunityUser, type Profile } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { FollowButton, useFollow } from '../../components/FollowButton';
import { EmptyState, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import type { WaterfallCard } from '../../components/WorkWaterfall';
import { COMMUNITY_PAGE_SIZE, WorkFeed } from '../../components/WorkWaterfall/feed';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { loadWorksPagesMessages } from '../../i18n/works-pages';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import './index.css';

loadWorksPagesMessages();

type Tab = 'works' | 'followers' | 'following';

export interface ProfileScreenProps {
  /** Whose profile; '' for the caller's own (the account page's 我的主页). */
  userId: string;
  onOpenWork(work: WaterfallCard): void;
  onOpenProfile(userId: string): void;
  onMessage(userId: string): void;
  reachedBottom?: number;
}

export function ProfileScreen(props: ProfileScreenProps) {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), enabled: props.userId === '' });
  const userId = props.userId || me.data?.id || '';
  const profile = useQuery({ ...trpc.profiles.get.queryOptions({ userId }), enabled: userId !== '' });
  if (!profile.data) {
    return (
      <View className="screen cprofile" id="profile-page">
        <QueryState
          id="profile-state"
          loadingKey="cprofile.loading"
          failedKey="cprofile.loadFailed"
          isPending={profile.isPending}
          error={profile.error ?? me.error}
          onRetry={() => void profile.refetch()}
        />
      </View>
    );
  }
  if (profile.data.blockedByMe) return <BlockedProfile profile={profile.data} />;
  return <ProfileView {...props} profile={profile.data} />;
}

/** A profile of someone the caller blocked: the block said, and undone from here (the profile then reloads). */
function BlockedProfile({ profile }: { profile: Profile }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const unblock = useMutation(trpc.blocks.unblock.mutationOptions({ onSuccess: () => invalidate.blocksChanged() }));
  const name = profile.user.displayName;
  return (
    <View className="screen cprofile" id="profile-page">
      <Text className="cprofile__name" id="profile-name">
        {name}
      </Text>
      <View className="cprofile__blocked" id="profile-blocked">
        <Text>{t('cprofile.blockedByMe', { name })}</Text>
        <ActionButton
          id="profile-unblock"
          className="screen__button"
          busy={unblock.isPending}
          onClick={() => unblock.mutate({ userId: profile.user.userId })}
        >
          {t('cprofile.unblock')}
        </ActionButton>
        {unblock.error ? (
          <Text className="cprofile__problem" id="profile-unblock-problem">
            {t('cprofile.unblockFailed', { message: errorMessage(unblock.error, t) })}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

function ProfileView({
  profile,
  onOpenWork,
  onOpenProfile,
  onMessage,
  reachedBottom = 0,
}: ProfileScreenProps & { profile: Profile }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('works');
  const { userId } = profile.user;
  const follow = useFollow(userId, { following: profile.followedByMe, followersCount: profile.followersCount });
  const counts: { tab: Tab | null; label: string; value: number }[] = [
    { tab: 'works', label: t('cprofile.works'), value: profile.worksCount },
    { tab: 'followers', label: t('cprofile.followers'), value: follow.followersCount },
    { tab: 'following', label: t('cprofile.following'), value: profile.followingCount },
    { tab: null, label: t('cprofile.likes'), value: profile.likesReceived },
  ];
  return (
    <View className="screen cprofile" id="profile-page">
      <Text className="cprofile__name" id="profile-name">
        {profile.user.displayName}
      </Text>
      <Bio profile={profile} />
      <View className="cprofile__counts">
        {counts.map((count) => (
          <View
            key={count.label}
            id={count.tab ? `profile-count-${count.tab}` : 'profile-count-likes'}
            className={`cprofile__count${count.tab === tab ? ' cprofile__count--on' : ''}`}
            onClick={() => count.tab && setTab(count.tab)}
          >
            <Text className="cprofile__count-value">{String(count.value)}</Text>
            <Text className="cprofile__count-label">{count.label}</Text>
          </View>
        ))}
      </View>
      {!profile.isMe && (
        <View className="cprofile__actions">
          <FollowButton id="profile-follow" following={follow.following} onToggle={follow.toggle} />
          <View id="profile-message" className="follow-button follow-button--on" onClick={() => onMessage(userId)}>
            <Text>{t('cprofile.message')}</Text>
          </View>
        </View>
      )}
      {tab === 'works' ? (
        <WorkFeed
          key={profile.isMe ? 'mine' : userId}
          id="profile-works"
          source={profile.isMe ? { kind: 'mine' } : { kind: 'author', userId }}
          emptyKey={profile.isMe ? 'cprofile.noMyWorks' : 'cprofile.noWorks'}
          reachedBottom={reachedBottom}
          onOpen={onOpenWork}
        />
      ) : (
        <People key={tab} which={tab} userId={userId} reachedBottom={reachedBottom} onOpen={onOpenProfile} />
      )}
    </View>
  );
}

function Bio({ profile }: { profile: Profile }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation(
    trpc.profiles.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.profiles.get.queryKey({ userId: profile.user.userId }), updated);
        setDraft(null);
        setProblem(null);
        void invalidate.profileChanged();
      },
      onError: (error) => setProblem(t('cprofile.saveFailed', { message: errorMessage(error, t) })),
    }),
  );
  if (draft === null) {
    return (
      <View className="cprofile__bio">
        <Text id="profile-bio" className="cprofile__bio-text">
          {profile.bio || t('cprofile.bioEmpty')}
        </Text>
        {profile.isMe && (
          <Text id="profile-edit-bio" className="cprofile__link" onClick={() => setDraft(profile.bio)}>
            {t('cprofile.editBio')}
          </Text>
        )}
      </View>
    );
  }
  return (
    <View className="cprofile__bio">
      <Textarea
        id="profile-bio-input"
        className="cprofile__bio-input"
        value={draft}
        maxlength={BIO_MAX}
        placeholder={t('cprofile.bioPlaceholder')}
        onInput={(event) => setDraft(event.detail.value)}
      />
      {problem && (
        <Text className="cprofile__problem" id="profile-bio-problem">
          {problem}
        </Text>
      )}
      <View className="cprofile__actions">
        <ActionButton id="profile-bio-cancel" className="screen__button" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </ActionButton>
        <ActionButton
          id="profile-bio-save"
          className="screen__button screen__button--primary"
          busy={update.isPending}
          onClick={() => update.mutate({ bio: draft })}
        >
          {t('common.save')}
        </ActionButton>
      </View>
    </View>
  );
}

const userKey = (user: CommunityUser) => user.userId;

function People({
  which,
  userId,
  reachedBottom,
  onOpen,
}: {
  which: 'followers' | 'following';
  userId: string;
  reachedBottom: number;
  onOpen(userId: string): void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.profiles[which].infiniteQueryOptions({ userId, limit: COMMUNITY_PAGE_SIZE }, { getNextPageParam: nextPageOf }),
  );
  const paged = usePagedItems(list, userKey);
  return (
    <View id={`profile-${which}`} className="cprofile__people">
      {list.data ? (
        paged.items.length === 0 ? (
          <EmptyState id={`profile-${which}-empty`} text={t('cprofile.noPeople')} />
        ) : (
          paged.items.map((user) => (
            <View
              key={user.userId}
              id={`profile-person-${user.userId}`}
              className="cprofile__person"
              onClick={() => onOpen(user.userId)}
            >
              <Text>{user.displayName}</Text>
            </View>
          ))
        )
      ) : (
        <QueryState
          id={`profile-${which}-state`}
          loadingKey="cprofile.peopleLoading"
          failedKey="cprofile.peopleFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      <LoadMore
        id={`profile-${which}-more`}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={paged.loadMore}
      />
    </View>
  );
}
