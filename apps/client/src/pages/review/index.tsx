/** 审核 (admins, from 我的): ReviewScreen with the page's reach-bottom. */
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { ReviewScreen } from './ReviewScreen';

export default function ReviewPage() {
  const t = useT();
  usePageChrome(t('review.title'));
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <ReviewScreen reachedBottom={reachedBottom} />
    </>
  );
}
