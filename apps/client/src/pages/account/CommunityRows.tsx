/**
 * 我的's community rows: 黑名单 (the people one blocked) for everyone, and 审核 (the review queue, reports
 * and challenges) only for community admins, as profiles.me says; while it is unknown or cannot be had,
 * no admin row.
 */
import { useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { useTRPC } from '../../api/query';
import { useT } from '../../i18n';

export type CommunityLink = 'blocked' | 'review';

export function CommunityRows({ onOpen }: { onOpen(link: CommunityLink): void }) {
  const t = useT();
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.profiles.me.queryOptions(), retry: false });
  const links: CommunityLink[] = ['blocked', ...(me.data?.isAdmin ? (['review'] as const) : [])];
  return (
    <View className="screen__card account__links" id="account-community">
      {links.map((link) => (
        <View key={link} id={`account-link-${link}`} className="screen__row account__link" onClick={() => onOpen(link)}>
          <Text className="account__link-text">{t(`account.community.${link}`)}</Text>
          <Text className="account__chevron">›</Text>
        </View>
      ))}
    </View>
  );
}
