import { useQueryClient } from '@tanstack/react-query';
import Taro from '@tarojs/taro';
import { tokenStore } from '../../api/platform';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES, restartAtWelcome } from '../../routes';
import { type AccountLink, AccountScreen } from './AccountScreen';

export default function AccountPage() {
  const t = useT();
  usePageChrome(t('account.title'));
  const queryClient = useQueryClient();
  const open = (link: AccountLink) => {
    // Albums is a tab page: only switchTab may open it.
    if (link === 'albums') void Taro.switchTab({ url: ROUTES.albums });
    else void Taro.navigateTo({ url: ROUTES[link] });
  };
  const signedOut = async () => {
    await tokenStore.clear();
    await restartAtWelcome(queryClient);
  };
  return <AccountScreen onOpen={open} onSignedOut={() => void signedOut()} />;
}
