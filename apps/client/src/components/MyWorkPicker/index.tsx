/**
 * One of the caller's published works, picked from works.mine (its first COMMUNITY_PAGE_MAX, newest first;
 * pending, rejected, hidden and unpublished ones cannot be entered anywhere, so they are not offered).
 * The community's challenge entry and an admin's challenge cover use it.
 */
import { useQuery } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import { COMMUNITY_PAGE_MAX, type MyWorkCard } from '@xiaojia/shared';
import { useTRPC } from '../../api/query';
import { type MessageKey, useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import '../../styles/community.css';

export interface MyWorkPickerProps {
  id: string;
  selected: string | null;
  /** Works already used (entered in this challenge): shown, not offered. */
  taken?: readonly string[];
  /** What to say when there is no published work (a key of the caller's messages). */
  emptyKey: MessageKey;
  onPick(work: MyWorkCard): void;
}

export function MyWorkPicker({ id, selected, taken = [], emptyKey, onPick }: MyWorkPickerProps) {
  const t = useT();
  const trpc = useTRPC();
  const mine = useQuery(trpc.works.mine.queryOptions({ limit: COMMUNITY_PAGE_MAX }));
  if (mine.error) {
    return (
      <Text className="screen__error" id={`${id}-error`}>
        {errorMessage(mine.error, t)}
      </Text>
    );
  }
  const works = (mine.data?.items ?? []).filter((work) => work.status === 'published');
  if (mine.data && works.length === 0) {
    return (
      <Text className="screen__hint" id={`${id}-empty`}>
        {t(emptyKey)}
      </Text>
    );
  }
  return (
    <View className="cm__grid" id={id}>
      {works.map((work) => {
        const used = taken.includes(work.id);
        return (
          <View
            key={work.id}
            id={`${id}-${work.id}`}
            className={`cm__pick${selected === work.id ? ' cm__pick--on' : ''}${used ? ' cm__pick--used' : ''}`}
            onClick={() => !used && onPick(work)}
          >
            {work.cover.url ? (
              <Image className="cm__thumb cm__thumb--small" src={work.cover.url} mode="aspectFill" />
            ) : (
              <View className="cm__thumb cm__thumb--small" />
            )}
            <Text className="cm__line">{work.title}</Text>
          </View>
        );
      })}
    </View>
  );
}
