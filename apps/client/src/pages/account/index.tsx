import Taro from '@tarojs/taro';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { useFeedBadge } from '../../lib/feed-badge';
import { ROUTES } from '../../routes';
import { useSessionExit } from '../../session';
import { type AccountLink, AccountScreen } from './AccountScreen';
import type { CommunityLink } from './CommunityRows';

export default function AccountPage() {
  const t = useT();
  usePageChrome(t('account.title'));
  useFeedBadge();
  const session = useSessionExit();
  const open = (link: AccountLink | CommunityLink) => {
    // Albums is a tab page: only switchTab may open it.
    if (link === 'albums') void Taro.switchTab({ url: ROUTES.albums });
    // 我的主页: the community profile page opens the caller's own without a userId.
    else if (link === 'communityProfile') void Taro.navigateTo({ url: ROUTES.profile });
    else void Taro.navigateTo({ url: ROUTES[link] });
  };
  return <AccountScreen onOpen={open} onSigningOut={session.signingOut} onSignedOut={() => void session.signedOut()} />;
}
