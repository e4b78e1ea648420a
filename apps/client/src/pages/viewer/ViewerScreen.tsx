/**
 * The viewer within one home: swipe (or the arrows, or the keyboard on H5) through the same list the user
 * came from (timeline, an album, the trash) using photos.get's prevId/nextId; pinch and double-tap zoom;
 * info, save to phone, add to album, move to trash, as the user's role there allows (a viewer 亲友 sees
 * and saves). The photo shows at once from the grid's thumbnail (handoff.ts) until its preview loads.
 */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Home, isVideoMime } from '@xiaojia/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useInvalidate } from '../../api/invalidate';
import { useTRPC, useTRPCClient } from '../../api/query';
import { canEditChildren } from '../../children/use-children';
import { BackButton } from '../../components/BackButton';
import { canEditAlbums, canTrashPhoto } from '../../home';
import { useT } from '../../i18n';
import { appCodeOf, errorMessage } from '../../i18n/errors';
import { savePhotoToPhone } from '../../lib/photo-actions';
import { ROUTES, withQuery } from '../../routes';
import { AlbumPicker } from './AlbumPicker';
import { Comments } from './Comments';
import { take } from './handoff';
import { InfoPanel } from './InfoPanel';
import { MilestoneSheet } from './MilestoneSheet';
import { afterRemoval, keyTarget, listNeighbours, swipeTarget } from './navigation';
import { PhotoFamilyInfo } from './PhotoFamilyInfo';
import { SocialBar } from './SocialBar';
import { VideoStage } from './VideoStage';
import { ViewerStage } from './ViewerStage';

export interface ViewerScreenProps {
  home: Home;
  /** The photo first shown. */
  photoId: string;
  /** The list swiped through: an album's photos, the trash, or else the timeline. */
  albumId?: string;
  trashed?: boolean;
  /** A list handed over by the opener ("那年今日"): swiping stays within it. */
  ids?: readonly string[];
  /** How long a photo must stay before its likes are fetched while swiping (tests pass 0). */
  settleMs?: number;
}

export function ViewerScreen({ home, photoId, albumId, trashed = false, ids, settleMs }: ViewerScreenProps) {
  const t = useT();
  const homeId = home.id;
  const api = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const [id, setId] = useState(photoId);
  const [handed] = useState(() => take(photoId));
  const [panel, setPanel] = useState<'none' | 'info' | 'albums' | 'milestone' | 'comments'>('none');

  const input = useCallback(
    (shownId: string) => ({ homeId, id: shownId, ...(albumId ? { albumId } : {}), trashed }),
    [homeId, albumId, trashed],
  );
  const detail = useQuery({ ...trpc.photos.get.queryOptions(input(id)), enabled: id !== '' });
  // Photos that left a handed list while it was open: trashed here, or not found (trashed elsewhere).
  const [gone, setGone] = useState<readonly string[]>([]);
  const leave = useCallback(
    (left: string) => setGone((current) => (current.includes(left) ? current : [...current, left])),
    [],
  );
  const neighbours = ids
    ? listNeighbours(ids, id, gone)
    : { prevId: detail.data?.prevId ?? null, nextId: detail.data?.nextId ?? null };
  const { prevId, nextId } = neighbours;

  // The neighbours load ahead, so a swipe shows the next photo (its thumbnail first) at once; one of a
  // handed list found gone is left out of it.
  useEffect(() => {
    for (const next of [prevId, nextId]) {
      if (!next) continue;
      queryClient.fetchQuery(trpc.photos.get.queryOptions(input(next))).catch((error: unknown) => {
        if (ids && appCodeOf(error) === 'NOT_FOUND') leave(next);
      });
    }
  }, [prevId, nextId, ids, input, leave, queryClient, trpc]);

  // Which way the user went last: a photo of the list found gone on arrival is passed the same way.
  const heading = useRef<'prev' | 'next'>('next');
  const go = (target: string | null) => {
    if (!target) return;
    heading.current = target === prevId ? 'prev' : 'next';
    setId(target);
  };
  const missing = ids !== undefined && appCodeOf(detail.error) === 'NOT_FOUND';
  useEffect(() => {
    if (!missing) return;
    leave(id);
    const onward = heading.current === 'prev' ? (prevId ?? nextId) : (nextId ?? prevId);
    if (onward) setId(onward);
  }, [missing, id, prevId, nextId, leave]);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    const onKey = (event: KeyboardEvent) => go(keyTarget(event.key, neighbours));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const trash = useMutation(
    trpc.photos.trash.mutationOptions({
      onSuccess: async (_count, { ids: trashedIds }) => {
        void Taro.showToast({ title: t('viewer.trashed'), icon: 'success' });
        const next = afterRemoval(neighbours);
        for (const trashedId of trashedIds) leave(trashedId);
        await invalidate.photosChanged();
        if (next) go(next);
        else await Taro.navigateBack();
      },
      onError: (error) => void Taro.showToast({ title: errorMessage(error, t), icon: 'none' }),
    }),
  );

  const me = useQuery(trpc.auth.me.queryOptions());
  const photo = detail.data?.photo;
  const src = detail.data?.previewUrl ?? null;
  // What the grid had on screen for this photo, else what photos.get (prefetched for neighbours) says.
  const known = handed?.id === id ? handed : photo;
  const toggle = (next: 'info' | 'albums' | 'milestone' | 'comments') => setPanel(panel === next ? 'none' : next);
  // A video plays its original (previewUrl is its poster frame); a photo shows its preview.
  const videoUrl = photo && isVideoMime(photo.mime) ? (detail.data?.originalUrl ?? null) : null;
  const reachable = photo && isVideoMime(photo.mime) ? videoUrl : src;
  const onSwipe = (dx: number, dy: number) => go(swipeTarget(dx, dy, neighbours));
  const arrows = (
    <>
      {neighbours.prevId && (
        <View id="viewer-prev" className="viewer__arrow viewer__arrow--prev" onClick={() => go(neighbours.prevId)}>
          <Text className="viewer__arrow-text">‹</Text>
        </View>
      )}
      {neighbours.nextId && (
        <View id="viewer-next" className="viewer__arrow viewer__arrow--next" onClick={() => go(neighbours.nextId)}>
          <Text className="viewer__arrow-text">›</Text>
        </View>
      )}
    </>
  );

  return (
    <View className="viewer">
      <View className="viewer__stage">
        {videoUrl ? (
          <VideoStage
            key={id}
            src={videoUrl}
            poster={src}
            thumbUrl={known?.thumbUrl ?? null}
            onSwipe={onSwipe}
            onDownload={() => void savePhotoToPhone(api, homeId, id)}
          >
            {arrows}
          </VideoStage>
        ) : (
          <ViewerStage
            key={id}
            photoSize={known ?? null}
            thumbUrl={known?.thumbUrl ?? null}
            previewUrl={src}
            onSwipe={onSwipe}
          >
            {arrows}
          </ViewerStage>
        )}
        {detail.isError && (
          <Text id="viewer-error" className="viewer__message">
            {errorMessage(detail.error, t)}
          </Text>
        )}
        {photo && !reachable && <Text className="viewer__message">{t('viewer.unbound')}</Text>}
        <BackButton
          id="viewer-close"
          kind="close"
          fallbackTab={albumId ? ROUTES.albums : trashed ? ROUTES.account : ROUTES.timeline}
        />
        {/* Inside the stage, so it sits above the social bar and the toolbar however many rows they take. */}
        {panel === 'info' && detail.data && (
          <InfoPanel detail={detail.data}>
            <PhotoFamilyInfo home={home} photo={detail.data.photo} />
          </InfoPanel>
        )}
      </View>

      {panel === 'milestone' && photo && (
        <MilestoneSheet key={photo.id} homeId={homeId} photo={photo} onClose={() => setPanel('none')} />
      )}
      {panel === 'albums' && detail.data && (
        <AlbumPicker homeId={homeId} detail={detail.data} onClose={() => setPanel('none')} />
      )}
      {panel === 'comments' && !trashed && (
        <Comments homeId={homeId} photoId={id} settleMs={settleMs} onClose={() => setPanel('none')} />
      )}
      {!trashed && id !== '' && (
        <SocialBar homeId={homeId} photoId={id} settleMs={settleMs} onOpenComments={() => toggle('comments')} />
      )}

      <View className="viewer__toolbar">
        <View id="viewer-info" className="viewer__tool" onClick={() => toggle('info')}>
          <Text className="viewer__tool-text">{t('viewer.info')}</Text>
        </View>
        {photo && reachable && (
          <View id="viewer-save" className="viewer__tool" onClick={() => void savePhotoToPhone(api, homeId, photo.id)}>
            <Text className="viewer__tool-text">{t('viewer.save')}</Text>
          </View>
        )}
        {photo && !trashed && canEditAlbums(home.role) && (
          <View id="viewer-album" className="viewer__tool" onClick={() => toggle('albums')}>
            <Text className="viewer__tool-text">{t('viewer.addToAlbum')}</Text>
          </View>
        )}
        {photo && !trashed && canEditChildren(home.role) && (
          <View id="viewer-milestone" className="viewer__tool" onClick={() => toggle('milestone')}>
            <Text className="viewer__tool-text">{t('milestones.mark')}</Text>
          </View>
        )}
        {/* Only the uploader may publish a photo (the server refuses anyone else and says so). */}
        {photo && !trashed && !isVideoMime(photo.mime) && me.data && photo.uploaderId === me.data.id && (
          <View
            id="viewer-publish"
            className="viewer__tool"
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.publish, { home: homeId, photo: photo.id }) })}
          >
            <Text className="viewer__tool-text">{t('viewer.publishWork')}</Text>
          </View>
        )}
        {photo && !trashed && canTrashPhoto(home.role, photo.uploaderId, me.data?.id) && (
          <View
            id="viewer-trash"
            className="viewer__tool viewer__tool--danger"
            onClick={() => trash.mutate({ homeId, ids: [photo.id] })}
          >
            <Text className="viewer__tool-text viewer__tool-text--danger">{t('viewer.trash')}</Text>
          </View>
        )}
      </View>
    </View>
  );
}
