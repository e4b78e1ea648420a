/** What the viewer shows for a video this device cannot play (HEVC in most desktop browsers): why, and the download. */
import { Text, View } from '@tarojs/components';
import { useT } from '../../i18n';

export function VideoUnplayable({ onDownload }: { onDownload(): void }) {
  const t = useT();
  return (
    <View id="viewer-video-error" className="viewer__video-error">
      <Text className="viewer__message">{t('video.cannotPlay')}</Text>
      <View id="viewer-video-download" className="viewer__video-download" onClick={onDownload}>
        <Text className="viewer__video-download-text">{t('video.download')}</Text>
      </View>
    </View>
  );
}
