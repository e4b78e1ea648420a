/**
 * The trash: the 30-day rule in words, photos chosen by tapping, restore, and delete forever after a
 * confirm (saying when storage has not finished deleting some of them yet).
 */

import { useMutation } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import { type Home, TRASH_RETENTION_DAYS } from '@xiaojia/shared';
import { useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PhotoGrid } from '../../components/PhotoGrid';
import { EmptyState, Notice, QueryState } from '../../components/Screen';
import { LoadMore, usePhotoList } from '../../components/Screen/photos';
import { SelectionBar } from '../../components/SelectionBar';
import { canOpenTrash } from '../../home';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { useSelection } from '../../lib/selection';
import { purgeOutcome, soonestPurge } from './retention';
import './index.css';

export interface TrashScreenProps {
  /** The home whose trash this is: its owner sees all of it, a member what they uploaded. */
  home: Home;
  reachedBottom?: number;
  gridWidth?: number;
  /** "Days left" are counted from this (tests pin it). */
  now?: Date;
}

export function TrashScreen(props: TrashScreenProps) {
  const t = useT();
  if (!canOpenTrash(props.home.role)) {
    return (
      <View className="screen" id="trash-page">
        <EmptyState id="trash-viewer" text={t('trash.viewer')} />
      </View>
    );
  }
  return <Trash {...props} />;
}

function Trash({ home, reachedBottom = 0, gridWidth, now }: TrashScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const trash = usePhotoList({ homeId: home.id, trashed: true });
  const selection = useSelection(trash.ids);
  const [askPurge, setAskPurge] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  function done(message: string) {
    selection.replace([]);
    setNotice(message);
    // Restored photos return to the timeline and their albums; purged ones leave the counts.
    void invalidate.photosChanged();
  }
  const failed = (error: unknown) => setNotice(t('trash.failed', { message: errorMessage(error, t) }));

  const restore = useMutation(
    trpc.photos.restore.mutationOptions({
      onSuccess: ({ count }) => done(t('trash.restored', { count })),
      onError: failed,
    }),
  );
  const purge = useMutation(
    trpc.photos.purge.mutationOptions({
      onSuccess(result) {
        setAskPurge(false);
        const outcome = purgeOutcome(result);
        done(t(outcome.key, outcome.params));
      },
      onError(error) {
        setAskPurge(false);
        failed(error);
      },
    }),
  );

  const photos = trash.photos;
  const soonest = soonestPurge(photos, now ?? new Date());
  return (
    <View className={`screen screen--flush${photos.length > 0 ? ' screen--with-bar' : ''}`} id="trash-page">
      <View className="screen__pad">
        <View className="screen__card trash__rule" id="trash-rule">
          <Text className="trash__rule-text">{t('trash.rule', { days: TRASH_RETENTION_DAYS })}</Text>
          {soonest !== null && (
            <Text id="trash-soonest" className="screen__hint trash__soonest">
              {soonest === 0 ? t('trash.soonestToday') : t('trash.soonest', { days: soonest })}
            </Text>
          )}
          {photos.length > 0 && <Text className="screen__hint">{t('trash.hint')}</Text>}
          {home.role === 'member' && (
            <Text id="trash-mine" className="screen__hint">
              {t('trash.onlyMine')}
            </Text>
          )}
        </View>
        <Notice id="trash-notice" text={notice} />
      </View>

      {photos.length > 0 ? (
        <PhotoGrid
          id="trash-grid"
          photos={photos}
          width={gridWidth}
          onThumbError={trash.onThumbError}
          now={now}
          selectable
          selectedIds={selection.ids}
          onSelectionChange={selection.replace}
        />
      ) : trash.query.isSuccess ? (
        <EmptyState id="trash-empty" text={t('trash.empty')} />
      ) : (
        <QueryState
          loadingKey="trash.loading"
          failedKey="trash.loadFailed"
          isPending={trash.query.isPending}
          error={trash.query.error}
          onRetry={() => void trash.query.refetch()}
        />
      )}
      <LoadMore
        hasMore={trash.query.hasNextPage}
        loading={trash.query.isFetchingNextPage}
        reachedBottom={reachedBottom}
        onLoadMore={trash.loadMore}
      />

      {photos.length > 0 && (
        <SelectionBar
          countLabel={t('select.count', { count: selection.ids.length })}
          empty={selection.ids.length === 0}
          busy={restore.isPending || purge.isPending}
          selectAllLabel={t('select.all')}
          onSelectAll={selection.selectAll}
          cancelLabel={t('select.cancel')}
          onCancel={() => selection.replace([])}
          actions={[
            {
              id: 'trash-restore',
              label: t('trash.restore'),
              onPress: () => restore.mutate({ homeId: home.id, ids: selection.ids }),
            },
            {
              id: 'trash-purge',
              label: t('trash.purge'),
              danger: true,
              onPress: () => {
                setNotice(null);
                setAskPurge(true);
              },
            },
          ]}
        />
      )}

      <ConfirmDialog
        id="purge-dialog"
        open={askPurge}
        title={t('trash.purge.title', { count: selection.ids.length })}
        body={t('trash.purge.body')}
        confirmLabel={t('trash.purge')}
        cancelLabel={t('common.cancel')}
        danger
        busy={purge.isPending}
        onConfirm={() => purge.mutate({ homeId: home.id, ids: selection.ids })}
        onCancel={() => setAskPurge(false)}
      />
    </View>
  );
}
