/**
 * A work's page: its images (swipe, tap for the zoomable preview), title, description, tags (each opens
 * its feed), the EXIF line and place if the author shows them, the author (their profile, follow), likes
 * (optimistic, back on a refusal), comments, report, share; for the author, the state it is in (waiting
 * for review, rejected or hidden with the reason), edit and unpublish.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CommunityTarget, Work, WorkComment } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FollowButton, useFollow } from '../../components/FollowButton';
import { QueryState } from '../../components/Screen';
import { exifLine } from '../../components/WorkFactsForm/facts';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { loadWorksPagesMessages } from '../../i18n/works-pages';
import { ReportDialog } from './ReportDialog';
import { WorkComments } from './WorkComments';
import { WorkEditor } from './WorkEditor';
import './index.css';

loadWorksPagesMessages();

export interface WorkScreenProps {
  workId: string;
  onOpenTag(tag: string): void;
  onOpenProfile(userId: string): void;
  /** After unpublishing: the page closes. */
  onUnpublished(): void;
  /** H5: copy the work's link (weapp shares through the page's share menu). */
  onCopyLink?(): void;
  reachedBottom?: number;
  now?: Date;
}

export function WorkScreen(props: WorkScreenProps) {
  const trpc = useTRPC();
  const work = useQuery(trpc.works.get.queryOptions({ workId: props.workId }));
  if (!work.data) {
    return (
      <View className="screen work" id="work-page">
        <QueryState
          id="work-state"
          loadingKey="work.loading"
          failedKey="work.loadFailed"
          isPending={work.isPending}
          error={work.error}
          onRetry={() => void work.refetch()}
        />
      </View>
    );
  }
  return <WorkView {...props} work={work.data} />;
}

type ReportTarget = { kind: CommunityTarget; targetId: string };

function WorkView({
  work,
  onOpenTag,
  onOpenProfile,
  onUnpublished,
  onCopyLink,
  reachedBottom,
  now,
}: WorkScreenProps & { work: Work }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const key = trpc.works.get.queryKey({ workId: work.id });
  const [editing, setEditing] = useState(false);
  const [confirmUnpublish, setConfirmUnpublish] = useState(false);
  const [report, setReport] = useState<ReportTarget | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const likeCall = {
    like: useMutation(trpc.works.like.mutationOptions()),
    unlike: useMutation(trpc.works.unlike.mutationOptions()),
  };
  const toggleLike = () => {
    if (likeCall.like.isPending || likeCall.unlike.isPending) return;
    const before = work;
    const liked = !before.likedByMe;
    // At once; the server's count when it answers; as it was if refused.
    queryClient.setQueryData(key, {
      ...before,
      likedByMe: liked,
      likeCount: Math.max(0, before.likeCount + (liked ? 1 : -1)),
    });
    (liked ? likeCall.like : likeCall.unlike).mutate(
      { workId: work.id },
      {
        onSuccess: (result) => {
          const current = queryClient.getQueryData<Work>(key);
          if (current) queryClient.setQueryData(key, { ...current, ...result });
          void invalidate.workLikesChanged();
        },
        onError: (error) => {
          const current = queryClient.getQueryData<Work>(key);
          if (current)
            queryClient.setQueryData(key, { ...current, likedByMe: before.likedByMe, likeCount: before.likeCount });
          setProblem(t('work.likeFailed', { message: errorMessage(error, t) }));
        },
      },
    );
  };
  const unpublish = useMutation(
    trpc.works.unpublish.mutationOptions({
      onSuccess: () => {
        setConfirmUnpublish(false);
        void invalidate.worksChanged();
        onUnpublished();
      },
      onError: (error) => {
        setConfirmUnpublish(false);
        setProblem(t('work.unpublishFailed', { message: errorMessage(error, t) }));
      },
    }),
  );

  const urls = work.images.flatMap((image) => (image.url ? [image.url] : []));
  const exif = exifLine(work.exif);
  return (
    <View className="screen work" id="work-page">
      {work.isMine && work.status !== 'published' && <StatusBanner work={work} />}
      <Swiper className="work__images" indicatorDots={work.images.length > 1} id="work-images">
        {work.images.map((image, index) => (
          <SwiperItem key={image.id}>
            {image.url ? (
              <Image
                id={`work-image-${index}`}
                className="work__image"
                src={image.url}
                mode="aspectFit"
                onClick={() => void Taro.previewImage({ urls, current: image.url ?? undefined }).catch(() => undefined)}
              />
            ) : (
              <View className="work__image work__image--none">
                <Text>{t('work.imageUnavailable')}</Text>
              </View>
            )}
          </SwiperItem>
        ))}
      </Swiper>
      <Text className="work__title" id="work-title">
        {work.title}
      </Text>
      {work.description !== '' && (
        <Text className="work__description" id="work-description">
          {work.description}
        </Text>
      )}
      {work.tags.length > 0 && (
        <View className="work__tags" id="work-tags">
          {work.tags.map((tag) => (
            <Text key={tag} className="work__tag" onClick={() => onOpenTag(tag)}>{`#${tag}`}</Text>
          ))}
        </View>
      )}
      {exif !== '' && (
        <Text className="work__meta" id="work-exif">
          {exif}
        </Text>
      )}
      {work.place && (
        <Text className="work__meta" id="work-place">
          {t('work.place', { place: work.place })}
        </Text>
      )}
      <AuthorRow work={work} onOpenProfile={onOpenProfile} />
      <View className="work__actions">
        <View
          id="work-like"
          className={`work__action${work.likedByMe ? ' work__action--on' : ''}`}
          onClick={toggleLike}
        >
          <Text>{`${work.likedByMe ? '♥' : '♡'} ${work.likeCount}`}</Text>
        </View>
        <View className="work__action">
          <Text>{t('work.commentCount', { count: work.commentCount })}</Text>
        </View>
        {process.env.TARO_ENV === 'weapp'
          ? null
          : onCopyLink && (
              <View id="work-copy-link" className="work__action" onClick={onCopyLink}>
                <Text>{t('work.copyLink')}</Text>
              </View>
            )}
        {!work.isMine && (
          <View
            id="work-report"
            className="work__action"
            onClick={() => setReport({ kind: 'work', targetId: work.id })}
          >
            <Text>{t('work.report')}</Text>
          </View>
        )}
      </View>
      {problem && (
        <Text className="work-error" id="work-problem">
          {problem}
        </Text>
      )}
      {work.isMine && (
        <View className="work__mine">
          <ActionButton id="work-edit" className="screen__button" onClick={() => setEditing(true)}>
            {t('work.edit')}
          </ActionButton>
          <ActionButton
            id="work-unpublish"
            className="screen__button screen__button--danger"
            onClick={() => setConfirmUnpublish(true)}
          >
            {t('work.unpublish')}
          </ActionButton>
        </View>
      )}
      {!work.isMine && (
        <Text
          id="work-report-author"
          className="work__link"
          onClick={() => setReport({ kind: 'user', targetId: work.author.userId })}
        >
          {t('work.reportAuthor', { name: work.author.displayName })}
        </Text>
      )}
      <WorkComments
        workId={work.id}
        reachedBottom={reachedBottom}
        now={now}
        onReport={(comment: WorkComment) => setReport({ kind: 'comment', targetId: comment.id })}
      />
      {editing && <WorkEditor work={work} onClose={() => setEditing(false)} />}
      {report && <ReportDialog {...report} onClose={() => setReport(null)} />}
      <ConfirmDialog
        id="work-unpublish-dialog"
        open={confirmUnpublish}
        title={t('work.unpublishTitle')}
        body={t('work.unpublishBody')}
        confirmLabel={t('work.unpublish')}
        cancelLabel={t('common.cancel')}
        danger
        busy={unpublish.isPending}
        onConfirm={() => unpublish.mutate({ workId: work.id })}
        onCancel={() => setConfirmUnpublish(false)}
      />
    </View>
  );
}

/** Who made it, and (for someone else's work) whether the caller follows them, from the author's profile. */
function AuthorRow({ work, onOpenProfile }: { work: Work; onOpenProfile(userId: string): void }) {
  const t = useT();
  const trpc = useTRPC();
  const { userId } = work.author;
  const profile = useQuery({ ...trpc.profiles.get.queryOptions({ userId }), enabled: !work.isMine });
  return (
    <View className="work__author" id="work-author">
      <View className="work__author-name" onClick={() => onOpenProfile(userId)}>
        <Text className="work__name">{work.author.displayName}</Text>
        <Text className="work__muted">
          {t('work.authorCounts', {
            works: work.author.worksCount,
            followers: profile.data?.followersCount ?? work.author.followersCount,
          })}
        </Text>
      </View>
      {profile.data && !profile.data.isMe && (
        <AuthorFollow
          userId={userId}
          following={profile.data.followedByMe}
          followersCount={profile.data.followersCount}
        />
      )}
    </View>
  );
}

function AuthorFollow({ userId, ...initial }: { userId: string; following: boolean; followersCount: number }) {
  const follow = useFollow(userId, initial);
  return <FollowButton id="work-follow" following={follow.following} onToggle={follow.toggle} />;
}

function StatusBanner({ work }: { work: Work }) {
  const t = useT();
  const reason = work.reviewReason ?? '';
  const text =
    work.status === 'pending'
      ? t('work.status.pending')
      : work.status === 'rejected'
        ? t('work.status.rejected', { reason })
        : work.status === 'hidden'
          ? t('work.status.hidden', { reason })
          : t('work.status.unpublished');
  return (
    <View id="work-status" className={`work__banner work__banner--${work.status}`}>
      <Text>{text}</Text>
    </View>
  );
}
