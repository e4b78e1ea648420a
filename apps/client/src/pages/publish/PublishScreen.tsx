/**
 * Publish photos one uploaded as a work (?home=&photo=): the photo chosen in the viewer, more of one's own
 * photos of the same home (up to WORK_PHOTOS_MAX, picked from the timeline's photos filtered to one's
 * uploads), the work's facts, the EXIF line previewed from the first photo's original, and what publishing
 * means (everyone sees it; the traffic is on the author's bucket). Pre-review answers a waiting state;
 * otherwise the work's page opens.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Image, Text, View } from '@tarojs/components';
import { WORK_PHOTOS_MAX, type Work, type WorkExif } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC } from '../../api/query';
import { ActionButton } from '../../components/ActionButton';
import { QueryState } from '../../components/Screen';
import { usePhotoList } from '../../components/Screen/photos';
import { WorkFactsForm } from '../../components/WorkFactsForm';
import { EMPTY_FACTS, factsInput, type WorkFacts } from '../../components/WorkFactsForm/facts';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { loadWorksPagesMessages } from '../../i18n/works-pages';
import { exifCamera } from '../../upload/exif';
import '../work/index.css';
import './index.css';

loadWorksPagesMessages();

export interface PublishScreenProps {
  homeId: string;
  photoId: string;
  /** The first EXIF_HEAD_BYTES of an original (its signed URL), or a rejection when it cannot be read. */
  readHead(url: string): Promise<ArrayBuffer>;
  onPublished(work: Work): void;
  onOpenMyProfile(): void;
}

export function PublishScreen({ homeId, photoId, readHead, onPublished, onOpenMyProfile }: PublishScreenProps) {
  const t = useT();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const detail = useQuery(trpc.photos.get.queryOptions({ homeId, id: photoId }));
  const [photoIds, setPhotoIds] = useState<string[]>([photoId]);
  const [picking, setPicking] = useState(false);
  const [facts, setFacts] = useState<WorkFacts>(EMPTY_FACTS);
  const [exif, setExif] = useState<WorkExif | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const originalUrl = detail.data?.originalUrl ?? null;
  useEffect(() => {
    if (!originalUrl) return;
    let current = true;
    readHead(originalUrl).then(
      (head) => current && setExif(exifCamera(head)),
      () => current && setExif(null),
    );
    return () => {
      current = false;
    };
  }, [originalUrl, readHead]);
  const publish = useMutation(
    trpc.works.publish.mutationOptions({
      onSuccess: (work) => {
        void invalidate.worksChanged();
        if (work.status === 'pending') setWaiting(true);
        else onPublished(work);
      },
      onError: (error) => setProblem(t('publish.failed', { message: errorMessage(error, t) })),
    }),
  );
  if (waiting) {
    return (
      <View className="screen publish" id="publish-page">
        <View className="work__banner" id="publish-pending">
          <Text className="work-section-title">{t('publish.pending')}</Text>
          <Text>{t('publish.pendingBody')}</Text>
        </View>
        <ActionButton
          id="publish-open-mine"
          className="screen__button screen__button--primary"
          onClick={onOpenMyProfile}
        >
          {t('publish.openMine')}
        </ActionButton>
      </View>
    );
  }
  if (!detail.data) {
    return (
      <View className="screen publish" id="publish-page">
        <QueryState
          id="publish-state"
          loadingKey="publish.loading"
          failedKey="publish.loadFailed"
          isPending={detail.isPending}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      </View>
    );
  }
  return (
    <View className="screen publish" id="publish-page">
      <Text className="work-section-title">
        {t('publish.photos', { count: photoIds.length, max: WORK_PHOTOS_MAX })}
      </Text>
      <ChosenPhotos homeId={homeId} photoIds={photoIds} onChange={setPhotoIds} />
      {picking ? (
        <MinePicker homeId={homeId} photoIds={photoIds} onChange={setPhotoIds} onDone={() => setPicking(false)} />
      ) : (
        photoIds.length < WORK_PHOTOS_MAX && (
          <Text id="publish-add" className="work__link" onClick={() => setPicking(true)}>
            {t('publish.addPhotos')}
          </Text>
        )
      )}
      <WorkFactsForm facts={facts} onChange={setFacts} exif={exif} />
      <View className="work__banner publish__notice" id="publish-notice">
        <Text>{t('publish.familyNotice')}</Text>
        <Text>{t('publish.bucketNotice')}</Text>
      </View>
      {problem && (
        <Text className="work-error" id="publish-problem">
          {problem}
        </Text>
      )}
      <ActionButton
        id="publish-submit"
        className="screen__button screen__button--primary screen__button--block"
        busy={publish.isPending}
        disabled={facts.title.trim() === ''}
        onClick={() => {
          setProblem(null);
          publish.mutate({ homeId, photoIds, ...factsInput(facts, exif) });
        }}
      >
        {t('publish.submit')}
      </ActionButton>
    </View>
  );
}

/** The photos chosen, in order, as thumbnails from the home's list of one's own (the first can't go). */
function ChosenPhotos({
  homeId,
  photoIds,
  onChange,
}: {
  homeId: string;
  photoIds: string[];
  onChange(ids: string[]): void;
}) {
  const t = useT();
  const { photos } = usePhotoList({ homeId, onlyMine: true });
  const thumbs = new Map(photos.map((photo) => [photo.id, photo.thumbUrl]));
  return (
    <View className="publish__photos" id="publish-photos">
      {photoIds.map((id, index) => (
        <View key={id} className="publish__photo" id={`publish-photo-${id}`}>
          {thumbs.get(id) ? (
            <Image className="publish__thumb" src={thumbs.get(id) ?? ''} mode="aspectFill" />
          ) : (
            <View className="publish__thumb" />
          )}
          {index > 0 && (
            <Text className="publish__remove" onClick={() => onChange(photoIds.filter((other) => other !== id))}>
              {t('publish.remove')}
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}

/** The home's photos the caller uploaded (photos.list onlyMine), tap to add or drop, up to WORK_PHOTOS_MAX. */
function MinePicker({
  homeId,
  photoIds,
  onChange,
  onDone,
}: {
  homeId: string;
  photoIds: string[];
  onChange(ids: string[]): void;
  onDone(): void;
}) {
  const t = useT();
  const { query, photos, loadMore } = usePhotoList({ homeId, onlyMine: true });
  const full = photoIds.length >= WORK_PHOTOS_MAX;
  const first = photoIds[0];
  return (
    <View className="publish__picker" id="publish-picker">
      <Text className="work__muted">
        {full ? t('publish.pickerFull', { max: WORK_PHOTOS_MAX }) : t('publish.pickerTitle')}
      </Text>
      <View className="publish__photos">
        {photos
          .filter((photo) => photo.id !== first && !photo.mime.startsWith('video/'))
          .map((photo) => {
            const chosen = photoIds.includes(photo.id);
            return (
              <View
                key={photo.id}
                id={`publish-pick-${photo.id}`}
                className={`publish__photo${chosen ? ' publish__photo--on' : ''}`}
                onClick={() => {
                  if (chosen) onChange(photoIds.filter((other) => other !== photo.id));
                  else if (!full) onChange([...photoIds, photo.id]);
                }}
              >
                {photo.thumbUrl ? (
                  <Image className="publish__thumb" src={photo.thumbUrl} mode="aspectFill" lazyLoad />
                ) : (
                  <View className="publish__thumb" />
                )}
              </View>
            );
          })}
      </View>
      {query.hasNextPage && (
        <Text className="work__link" onClick={loadMore}>
          {t('common.loadMore')}
        </Text>
      )}
      <ActionButton id="publish-picker-done" className="screen__button" onClick={onDone}>
        {t('publish.pickerDone')}
      </ActionButton>
    </View>
  );
}
