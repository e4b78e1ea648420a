/**
 * One child's milestones in date order (oldest first, as a life reads), each with its photo (tap: the
 * viewer) and the child's age that day; members and the owner delete. Reached from the child's profile.
 */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import { type Child, childAge, type Home, type Milestone } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ChildGate } from '../../children/ChildGate';
import { canEditChildren } from '../../children/use-children';
import { ActionButton } from '../../components/ActionButton';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore } from '../../components/Screen/photos';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { formatAge } from '../../lib/child-age';
import { milestoneTitle } from '../../lib/milestones';
import { nextPageOf, usePagedItems } from '../../lib/paging';
import './index.css';
import { loadChildrenPagesMessages } from '../../i18n/children-pages';

loadChildrenPagesMessages();

export const MILESTONES_PAGE_SIZE = 50;

export interface MilestonesScreenProps {
  childId: string;
  /** Opens the milestone's photo in the viewer. */
  onOpenPhoto(milestone: Milestone, home: Home): void;
  reachedBottom?: number;
}

export function MilestonesScreen({ childId, ...props }: MilestonesScreenProps) {
  return (
    <ChildGate childId={childId}>{(child, home) => <ChildMilestones {...props} child={child} home={home} />}</ChildGate>
  );
}

function ChildMilestones({
  child,
  home,
  onOpenPhoto,
  reachedBottom = 0,
}: Omit<MilestonesScreenProps, 'childId'> & { child: Child; home: Home }) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [notice, setNotice] = useState<string | null>(null);
  const list = useInfiniteQuery(
    trpc.milestones.list.infiniteQueryOptions(
      { homeId: home.id, childId: child.id, limit: MILESTONES_PAGE_SIZE },
      { getNextPageParam: nextPageOf },
    ),
  );
  const { items, loadMore } = usePagedItems(list);
  const remove = useMutation(
    trpc.milestones.delete.mutationOptions({
      onSuccess: () => {
        setNotice(t('milestones.deleted'));
        void invalidate.milestonesChanged();
      },
      onError: (error) => setNotice(t('children.failed', { message: errorMessage(error, t) })),
    }),
  );
  const mayEdit = canEditChildren(home.role);

  return (
    <View className="screen" id="milestones-page">
      <Text id="milestones-title" className="screen__heading milestones__title">
        {t('milestones.title', { name: child.name })}
      </Text>
      <Notice id="milestones-notice" text={notice} />
      {list.data ? (
        items.length === 0 ? (
          <EmptyState id="milestones-empty" text={t('milestones.empty')} />
        ) : (
          <View id="milestones-list" className="milestones__list">
            {items.map((milestone) => {
              const age = childAge(child.birthday, milestone.date);
              return (
                <View key={milestone.id} id={`milestone-${milestone.id}`} className="milestones__row">
                  <View className="milestones__thumb" onClick={() => milestone.photoId && onOpenPhoto(milestone, home)}>
                    {milestone.thumbUrl && (
                      <Image className="milestones__thumb-image" src={milestone.thumbUrl} mode="aspectFill" />
                    )}
                  </View>
                  <View className="milestones__text">
                    <Text className="milestones__name">{milestoneTitle(milestone, t)}</Text>
                    <Text id={`milestone-at-${milestone.id}`} className="screen__hint">
                      {age ? t('milestones.at', { date: milestone.date, age: formatAge(age, t) }) : milestone.date}
                    </Text>
                  </View>
                  {mayEdit && (
                    <ActionButton
                      id={`milestone-delete-${milestone.id}`}
                      className="screen__button screen__button--danger"
                      busy={remove.isPending && remove.variables?.milestoneId === milestone.id}
                      onClick={() => {
                        setNotice(null);
                        remove.mutate({ homeId: home.id, milestoneId: milestone.id });
                      }}
                    >
                      {t('milestones.delete')}
                    </ActionButton>
                  )}
                </View>
              );
            })}
          </View>
        )
      ) : (
        <QueryState
          id="milestones-state"
          loadingKey="children.loading"
          failedKey="children.loadFailed"
          isPending={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      <LoadMore
        id="milestones-more"
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={loadMore}
      />
    </View>
  );
}
