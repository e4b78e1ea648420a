/**
 * What marks a video wherever it shows small (the grid, the upload list): a play glyph with its length
 * ("▶ 0:12"; just the glyph when the length is unknown) over the poster's corner, and, when there is no
 * poster to show (none made, or it failed to load), a plain placeholder instead of a broken image.
 */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';
import { formatDuration } from '../../lib/duration';
import './index.css';

export function VideoBadge({ durationMs }: { durationMs: number | null | undefined }) {
  const t = useT();
  const duration = formatDuration(durationMs);
  return (
    <View
      className="video-badge"
      ariaLabel={duration ? t('video.labelWithDuration', { duration }) : t('video.label')}
      ariaRole="img"
    >
      <Text className="video-badge__glyph">▶</Text>
      {duration && <Text className="video-badge__duration">{duration}</Text>}
    </View>
  );
}

export function VideoPlaceholder() {
  const t = useT();
  return (
    <View className="video-placeholder">
      <Text className="video-placeholder__glyph">▶</Text>
      <Text className="video-placeholder__text">{t('video.label')}</Text>
    </View>
  );
}
