/** One challenge: ChallengeScreen for `?challengeId=`, with the page's reach-bottom. */
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { ChallengeScreen } from './ChallengeScreen';

export default function ChallengePage() {
  const t = useT();
  usePageChrome(t('challenges.title'));
  const { params } = useRouter();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <ChallengeScreen
        challengeId={params.challengeId ?? ''}
        reachedBottom={reachedBottom}
        onOpenWork={(workId) => void Taro.navigateTo({ url: withQuery(ROUTES.work, { workId }) })}
      />
    </>
  );
}
