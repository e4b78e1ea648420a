import { useQueryClient } from '@tanstack/react-query';
import Taro from '@tarojs/taro';
import { tokenStore } from '../../api/platform';
import { ROUTES } from '../../routes';
import { type AccountLink, AccountScreen } from './AccountScreen';

export default function AccountPage() {
  const queryClient = useQueryClient();
  const open = (link: AccountLink) => {
    // Albums is a tab page: only switchTab may open it.
    if (link === 'albums') void Taro.switchTab({ url: ROUTES.albums });
    else void Taro.navigateTo({ url: ROUTES[link] });
  };
  const signedOut = async () => {
    await tokenStore.clear();
    // Nothing of this account may show to the next one.
    queryClient.clear();
    await Taro.reLaunch({ url: ROUTES.welcome });
  };
  return <AccountScreen onOpen={open} onSignedOut={() => void signedOut()} />;
}
