import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, withQuery } from '../../routes';
import { remember } from '../viewer/handoff';
import { MilestonesScreen } from './MilestonesScreen';

export default function MilestonesPage() {
  const t = useT();
  usePageChrome(t('milestones.pageTitle'));
  const { params } = useRouter();
  const [reachedBottom, setReachedBottom] = useState(0);
  useReachBottom(() => setReachedBottom((n) => n + 1));
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <MilestonesScreen
        childId={params.child ?? ''}
        reachedBottom={reachedBottom}
        onOpenPhoto={(milestone, home) => {
          if (!milestone.photoId) return;
          // Its thumbnail shows at once while the viewer loads the preview (unsized: the list has no shape).
          remember({ id: milestone.photoId, thumbUrl: milestone.thumbUrl, width: null, height: null });
          void Taro.navigateTo({ url: withQuery(ROUTES.viewer, { id: milestone.photoId, home: home.id }) });
        }}
      />
    </>
  );
}
