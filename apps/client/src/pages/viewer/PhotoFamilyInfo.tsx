/**
 * The family lines of the viewer's info: each child's age on the photo's day, and the milestones tagged
 * on it (milestones.forPhoto), which members and the owner may delete.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Home, Photo } from '@xiaojia/shared';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { canEditChildren, useDayAges } from '../../children/use-children';
import { localDayKey } from '../../components/PhotoGrid';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { milestoneTitle } from '../../lib/milestones';

export function PhotoFamilyInfo({ home, photo }: { home: Home; photo: Pick<Photo, 'id' | 'sortAt'> }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const ages = useDayAges(home.id)(localDayKey(photo.sortAt), false);
  const milestones = useQuery(trpc.milestones.forPhoto.queryOptions({ homeId: home.id, photoId: photo.id }));
  const remove = useMutation(
    trpc.milestones.delete.mutationOptions({
      onSuccess: () => {
        void Taro.showToast({ title: t('milestones.deleted'), icon: 'success' });
        void invalidate.milestonesChanged();
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );
  const items = milestones.data?.items ?? [];
  return (
    <>
      {ages && (
        <Text id="viewer-ages" className="viewer__info-row">
          {ages}
        </Text>
      )}
      {items.map((milestone) => (
        <View key={milestone.id} id={`viewer-milestone-${milestone.id}`} className="viewer__milestone">
          <Text className="viewer__info-row">{`★ ${milestoneTitle(milestone, t)}`}</Text>
          {canEditChildren(home.role) && (
            <View
              id={`viewer-milestone-delete-${milestone.id}`}
              className="viewer__tool"
              onClick={() => remove.mutate({ homeId: home.id, milestoneId: milestone.id })}
            >
              <Text className="viewer__tool-text viewer__tool-text--danger">{t('milestones.delete')}</Text>
            </View>
          )}
        </View>
      ))}
    </>
  );
}
