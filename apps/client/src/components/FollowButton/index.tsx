/**
 * Follow / unfollow someone, optimistically: the button and the count change at once, go back if the
 * server refuses (with its reason), and take the server's count when it answers (a work's author row and
 * a profile).
 */
import { useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import './index.css';

export interface FollowState {
  following: boolean;
  followersCount: number;
}

/** The follow state shown for `userId`, starting from what the page's answer said. */
export function useFollow(userId: string, initial: FollowState) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [state, setState] = useState(initial);
  // A fresh answer for the page (refetch) is the truth again.
  const { following, followersCount } = initial;
  useEffect(() => setState({ following, followersCount }), [following, followersCount]);
  const follow = useMutation(trpc.follows.follow.mutationOptions());
  const unfollow = useMutation(trpc.follows.unfollow.mutationOptions());
  const busy = follow.isPending || unfollow.isPending;
  const toggle = () => {
    if (busy) return;
    const before = state;
    const next = !before.following;
    setState({ following: next, followersCount: Math.max(0, before.followersCount + (next ? 1 : -1)) });
    (next ? follow : unfollow).mutate(
      { userId },
      {
        onSuccess: (result) => {
          setState(result);
          void invalidate.followsChanged();
        },
        onError: (error) => {
          setState(before);
          void Taro.showToast({ title: errorMessage(error, t), icon: 'none' });
        },
      },
    );
  };
  return { ...state, busy, toggle };
}

export function FollowButton({ id, following, onToggle }: { id: string; following: boolean; onToggle(): void }) {
  const t = useT();
  return (
    <View id={id} className={`follow-button${following ? ' follow-button--on' : ''}`} onClick={onToggle}>
      <Text>{following ? t('discover.followingThem') : t('discover.follow')}</Text>
    </View>
  );
}
