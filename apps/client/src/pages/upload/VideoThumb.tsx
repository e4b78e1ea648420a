/**
 * A video's picture in the upload list: the poster frame the device made (WeChat's thumbTempFilePath, a
 * browser frame) or a plain video placeholder, with the play glyph and the length once known.
 */
import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import { VideoBadge, VideoPlaceholder } from '../../components/VideoBadge';
import type { PickedFile } from '../../upload/queue';

export function UploadVideoThumb({ file }: { file: Pick<PickedFile, 'posterPath' | 'durationMs'> }) {
  const [failed, setFailed] = useState<string | null>(null);
  const poster = file.posterPath && failed !== file.posterPath ? file.posterPath : null;
  return (
    <View className="upload-item__video">
      {poster ? (
        <Image className="upload-item__poster" src={poster} mode="aspectFill" onError={() => setFailed(poster)} />
      ) : (
        <VideoPlaceholder />
      )}
      <VideoBadge durationMs={file.durationMs} />
    </View>
  );
}
