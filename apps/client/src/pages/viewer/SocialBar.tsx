/**
 * The line under a photo in the viewer: 赞 with the count and who liked it ("奶奶、爸爸 赞了"), and the
 * comment count that opens the comments. Every role likes and comments, viewers (亲友) included. A tap
 * shows the like at once and takes it back if the server refuses. While the user swipes, it asks only
 * about the photo they stop on (useSettled).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import type { PhotoSocial } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { SETTLE_MS, useSettled } from '../../lib/settle';
import { likersLine, withMyLike } from './social';
import './social.css';

export interface SocialBarProps {
  homeId: string;
  photoId: string;
  onOpenComments(): void;
  /** How long the photo must stay before its line is fetched (tests pass 0). */
  settleMs?: number;
}

export function SocialBar({ homeId, photoId, onOpenComments, settleMs = SETTLE_MS }: SocialBarProps) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const settled = useSettled(photoId, settleMs);
  const [failure, setFailure] = useState<{ photoId: string; message: string } | null>(null);
  const me = useQuery(trpc.auth.me.queryOptions());
  const socialOptions = trpc.likes.forPhoto.queryOptions({ homeId, photoId: settled });
  const social = useQuery({ ...socialOptions, enabled: settled === photoId && photoId !== '' });
  const keyOf = (photo: { homeId: string; photoId: string }) =>
    trpc.likes.forPhoto.queryKey({ homeId: photo.homeId, photoId: photo.photoId });

  const like = useMutation(
    trpc.likes.set.mutationOptions({
      onMutate: async (variables) => {
        setFailure(null);
        const key = keyOf(variables);
        await queryClient.cancelQueries({ queryKey: key });
        const before = queryClient.getQueryData<PhotoSocial>(key);
        if (before && me.data) queryClient.setQueryData<PhotoSocial>(key, withMyLike(before, me.data, variables.liked));
        return { before };
      },
      onError: (error, variables, context) => {
        // Back to what the server last said: the tap did not count.
        if (context?.before) queryClient.setQueryData(keyOf(variables), context.before);
        setFailure({
          photoId: variables.photoId,
          message: t('social.likeFailed', { message: errorMessage(error, t) }),
        });
      },
      onSuccess: (answer, variables) => {
        queryClient.setQueryData(keyOf(variables), answer);
        void invalidate.likesChanged({ homeId: variables.homeId, photoId: variables.photoId });
      },
    }),
  );

  const line = social.data && settled === photoId ? social.data : null;
  const likers = line ? likersLine(line, t) : null;
  const liked = line?.likedByMe ?? false;
  return (
    <View id="social-bar" className={`social${line ? '' : ' social--loading'}`}>
      <View className="social__row">
        <View
          id="social-like"
          className={`social__button${liked ? ' social__button--on' : ''}`}
          onClick={() => {
            if (line && !like.isPending) like.mutate({ homeId, photoId, liked: !liked });
          }}
        >
          <Text className={`social__button-text${liked ? ' social__button-text--on' : ''}`}>
            {`${liked ? '♥' : '♡'} ${liked ? t('social.liked') : t('social.like')}${line && line.likeCount > 0 ? ` ${line.likeCount}` : ''}`}
          </Text>
        </View>
        <Text id="social-likers" className="social__likers" numberOfLines={1}>
          {likers ?? ''}
        </Text>
        <View id="social-comments" className="social__button" onClick={onOpenComments}>
          <Text className="social__button-text">
            {line && line.commentCount > 0
              ? t('social.commentCount', { count: line.commentCount })
              : t('social.comments')}
          </Text>
        </View>
      </View>
      {failure?.photoId === photoId && (
        <Text id="social-error" className="social__error">
          {failure.message}
        </Text>
      )}
    </View>
  );
}
