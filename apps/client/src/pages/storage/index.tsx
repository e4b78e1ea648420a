import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { HomeGate } from '../../home/HomeGate';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';
import { StorageScreen } from './StorageScreen';

export default function StoragePage() {
  const t = useT();
  usePageChrome(t('storage.title'));
  // Opened from "Me": the current home's storage.
  return (
    <>
      <BackButton fallbackTab={ROUTES.account} />
      <HomeGate>{(home) => <StorageScreen home={home} />}</HomeGate>
    </>
  );
}
