/** The viewer's info panel: when the photo was taken and uploaded, by whom, its size (a video's length) and file name. */
import { Text, View } from '@tarojs/components';
import type { PhotoDetail } from '@xiaojia/shared';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { formatDuration } from '../../lib/duration';
import { formatBytes, formatDateTime } from './navigation';

/** `children`: more lines after the photo's own (the children's ages and milestones). */
export function InfoPanel({ detail, children }: { detail: PhotoDetail; children?: ReactNode }) {
  const t = useT();
  const { photo } = detail;
  return (
    <View id="viewer-info-panel" className="viewer__info">
      {photo.takenAt && (
        <Text className="viewer__info-row">
          {t('viewer.info.taken')}: {formatDateTime(photo.takenAt)}
        </Text>
      )}
      <Text id="viewer-uploader" className="viewer__info-row">
        {/* A deleted account keeps its photos in the family's home but has no name any more. */}
        {t('viewer.info.uploadedBy', { name: detail.uploaderName || t('viewer.info.deletedAccount') })}
      </Text>
      <Text className="viewer__info-row">
        {t('viewer.info.uploaded')}: {formatDateTime(photo.createdAt)}
      </Text>
      <Text className="viewer__info-row">
        {t('viewer.info.size')}: {formatBytes(photo.size)}
      </Text>
      {formatDuration(photo.durationMs) && (
        <Text id="viewer-info-duration" className="viewer__info-row">
          {t('video.info.duration')}: {formatDuration(photo.durationMs)}
        </Text>
      )}
      {photo.width && photo.height && (
        <Text className="viewer__info-row">
          {t('viewer.info.dimensions')}: {photo.width} × {photo.height}
        </Text>
      )}
      <Text className="viewer__info-row">
        {t('viewer.info.name')}: {photo.filename}
      </Text>
      {children}
    </View>
  );
}
