import { useRouter } from '@tarojs/taro';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { GrowthScreen } from './GrowthScreen';

export default function GrowthPage() {
  const t = useT();
  usePageChrome(t('growth.pageTitle'));
  const { params } = useRouter();
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <GrowthScreen childId={params.child ?? ''} />
    </>
  );
}
