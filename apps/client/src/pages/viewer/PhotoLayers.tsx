/**
 * The photo as the viewer draws it: the grid's thumbnail at once (already in the image cache, and fitted
 * like the photo), and the large preview over it once that has loaded, so the stage is never black in
 * between. Each photo mounts its own layers (keyed by id), so a swipe starts again from a thumbnail.
 */
import { Image, View } from '@tarojs/components';
import { useState } from 'react';

export interface PhotoLayersProps {
  thumbUrl: string | null;
  previewUrl: string | null;
}

export function PhotoLayers({ thumbUrl, previewUrl }: PhotoLayersProps) {
  const [loadedUrl, setLoadedUrl] = useState<string | null>(null);
  const previewShown = previewUrl !== null && loadedUrl === previewUrl;
  return (
    <View className="viewer__layers">
      {thumbUrl && !previewShown && (
        <Image id="viewer-thumb" className="viewer__image viewer__layer" src={thumbUrl} mode="aspectFit" />
      )}
      {previewUrl && (
        <Image
          id="viewer-image"
          className={`viewer__image viewer__layer${previewShown ? '' : ' viewer__layer--loading'}`}
          src={previewUrl}
          mode="aspectFit"
          onLoad={() => setLoadedUrl(previewUrl)}
        />
      )}
    </View>
  );
}
