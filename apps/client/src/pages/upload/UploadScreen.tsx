/**
 * The upload screen: pick many photos from the album (or take one), each listed at once and prepared in
 * turn; watch each file and the whole batch progress, retry or cancel single files; a file that cannot go
 * says why. The queue and the picker come in as props (the page passes the app's; tests their own).
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Home, isVideoMime } from '@xiaojia/shared';
import { useState } from 'react';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { canUpload } from '../../home';
import { useT } from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { ROUTES } from '../../routes';
import { useUploadSnapshot } from '../../upload';
import { describeMultipartFailure } from '../../upload/multipart/describe';
import { type PickResult, pickLimit } from '../../upload/picker';
import type { UploadItem, UploadQueue } from '../../upload/queue';
import { StorageUploadError } from '../../upload/transport';
import { formatBytes } from '../viewer/navigation';
import { InterruptedUploads, type StoredUploads } from './InterruptedUploads';
import { UploadVideoThumb } from './VideoThumb';

function percentOf(item: UploadItem): number {
  if (item.status === 'done' || item.status === 'duplicate' || item.status === 'confirming') return 100;
  return item.file.size > 0 ? Math.floor((item.loaded / item.file.size) * 100) : 0;
}

function ProgressBar({ percent, tone }: { percent: number; tone?: 'ok' | 'failed' }) {
  return (
    <View className="upload-bar">
      <View
        className={`upload-bar__fill${tone === 'failed' ? ' upload-bar__fill--failed' : ''}`}
        style={{ width: `${Math.max(0, Math.min(100, percent))}%` }}
      />
    </View>
  );
}

export interface UploadScreenProps {
  /** The current home: files are queued for it when picked, and land there whatever happens next. */
  home: Home | null;
  queue: UploadQueue;
  pickPhotos(source: 'album' | 'camera'): Promise<PickResult>;
  /** Large uploads a closed app cut, to continue or forget. */
  stored?: StoredUploads;
}

export function UploadScreen({ home, queue, pickPhotos, stored }: UploadScreenProps) {
  const t = useT();
  usePageChrome(t('upload.title'));
  const limit = pickLimit();
  const { items, overall } = useUploadSnapshot(queue);
  const [notice, setNotice] = useState<string | null>(null);
  const mayUpload = home !== null && canUpload(home.role);

  const statusText = (item: UploadItem): string => {
    switch (item.status) {
      case 'uploading':
        if (item.waitingForNetwork) return t('upload.status.waitingForNetwork');
        return t('upload.status.uploading', { percent: percentOf(item) });
      case 'failed': {
        const multipart = describeMultipartFailure(item.error, t);
        if (multipart) return t('upload.status.failed', { message: multipart });
        const message = item.error instanceof StorageUploadError ? item.error.message : errorMessage(item.error, t);
        return t('upload.status.failed', { message });
      }
      case 'rejected': {
        const rejection = item.rejection ?? { reason: 'unreadable' };
        const max = rejection.maxBytes ? formatBytes(rejection.maxBytes) : '';
        return t('upload.status.rejected', { reason: t(`upload.reason.${rejection.reason}`, { max }) });
      }
      default:
        return t(`upload.status.${item.status}`);
    }
  };

  async function pick(source: 'album' | 'camera') {
    setNotice(null);
    if (!home) return;
    const homeId = home.id;
    try {
      // Every picked file is listed at once; its facts are read when its turn comes.
      const { files } = await pickPhotos(source);
      if (files.length > 0) queue.add(homeId, files);
    } catch (error) {
      setNotice(t('upload.pickFailed', { message: errorMessage(error, t) }));
    }
  }

  const finished = items.length > 0 && !overall.busy && !overall.paused;

  return (
    <View className="upload">
      <BackButton fallbackTab={ROUTES.timeline} />
      {home && (
        <Text id="upload-home" className="upload__hint">
          {mayUpload ? t('upload.intoHome', { name: home.name }) : t('upload.viewerCannot', { name: home.name })}
        </Text>
      )}
      {mayUpload && (
        <View className="upload__actions">
          <Button id="pick-album" className="upload__pick" onClick={() => void pick('album')}>
            {t('upload.pickAlbum')}
          </Button>
          <Button id="pick-camera" className="upload__pick upload__pick--secondary" onClick={() => void pick('camera')}>
            {t('upload.takePhoto')}
          </Button>
        </View>
      )}

      {limit !== null && (
        <Text id="upload-pick-limit" className="upload__hint">
          {t('upload.pickLimit', { count: limit })}
        </Text>
      )}
      {notice && <Text className="upload__notice">{notice}</Text>}
      {stored && <InterruptedUploads stored={stored} items={items} />}

      {items.length === 0 ? (
        <Text className="upload__empty">{t('upload.empty')}</Text>
      ) : (
        <View id="upload-overall" className="upload__overall">
          <Text id="upload-overall-text" className="upload__overall-text">
            {finished && overall.failed === 0 && overall.total > 0
              ? t('upload.allDone')
              : t('upload.overall', { done: overall.finished, total: overall.total, percent: overall.percent })}
          </Text>
          <ProgressBar percent={overall.percent} />
          {overall.rejected > 0 && (
            <Text id="upload-rejected" className="upload__duplicates">
              {t('upload.rejected', { count: overall.rejected })}
            </Text>
          )}
          {overall.duplicates > 0 && (
            <Text id="upload-duplicates" className="upload__duplicates">
              {t('upload.duplicates', { count: overall.duplicates })}
            </Text>
          )}
          <View className="upload__row-actions">
            {overall.busy && (
              <Button size="mini" className="upload__small" onClick={() => queue.cancelAll()}>
                {t('upload.cancelAll')}
              </Button>
            )}
            {finished && (
              <Button size="mini" className="upload__small" onClick={() => queue.clearFinished()}>
                {t('upload.clearFinished')}
              </Button>
            )}
            {finished && (
              <Button
                id="upload-back"
                size="mini"
                className="upload__small upload__small--primary"
                onClick={() => void Taro.switchTab({ url: ROUTES.timeline })}
              >
                {t('upload.backToTimeline')}
              </Button>
            )}
          </View>
        </View>
      )}

      <View className="upload__list">
        {items.map((item) => (
          <View key={item.id} className={`upload-item upload-item--${item.status}`}>
            <View className="upload-item__head">
              {isVideoMime(item.file.mime) && <UploadVideoThumb file={item.file} />}
              <Text className="upload-item__name">{item.file.name}</Text>
              {item.status === 'failed' || item.status === 'cancelled' ? (
                <Text className="upload-item__action" onClick={() => queue.retry(item.id)}>
                  {t('upload.retry')}
                </Text>
              ) : item.status === 'preparing' ||
                item.status === 'waiting' ||
                item.status === 'uploading' ||
                item.status === 'paused' ? (
                <Text className="upload-item__action" onClick={() => queue.cancel(item.id)}>
                  {t('upload.cancel')}
                </Text>
              ) : null}
            </View>
            <Text className="upload-item__status">{statusText(item)}</Text>
            {item.restarted && <Text className="upload-item__status upload-item__note">{t('upload.restarted')}</Text>}
            <ProgressBar
              percent={percentOf(item)}
              tone={item.status === 'failed' || item.status === 'rejected' ? 'failed' : 'ok'}
            />
          </View>
        ))}
      </View>
    </View>
  );
}
