/** Me: who is signed in: name, username (password accounts), WeChat link where it means something, and since when. */
import { Text, View } from '@tarojs/components';
import type { Me } from '@xiaojia/shared';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';

/** The WeChat line means something only where WeChat sign-in exists, or once an account is linked. */
const isWeapp = process.env.TARO_ENV === 'weapp';

export function ProfileCard({ user }: { user: Me }) {
  const t = useT();
  return (
    <View className="screen__card account__profile" id="account-profile">
      <Text id="account-name" className="account__name">
        {user.displayName}
      </Text>
      {user.username && (
        <Text id="account-username" className="screen__hint">
          {t('account.username')} {user.username}
        </Text>
      )}
      <Text id="account-since" className="screen__hint">
        {(isWeapp || user.wechatLinked) && (
          <>
            {t('account.wechat')} {user.wechatLinked ? t('account.wechatLinked') : t('account.wechatNotLinked')}
            {' · '}
          </>
        )}
        {t('account.since', { date: formatDateTime(user.createdAt).slice(0, 10) })}
      </Text>
    </View>
  );
}
