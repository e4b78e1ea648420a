/** What a review item or report is about, as the admin judges it: a work's title and images, or the text. */
import { Image, Text, View } from '@tarojs/components';
import type { TargetPreview as Preview } from '@xiaojia/shared';
import { useT } from '../../i18n';

export function TargetPreview({ id, target }: { id: string; target: Preview | null }) {
  const t = useT();
  if (!target) {
    return (
      <Text className="screen__hint" id={id}>
        {t('review.targetGone')}
      </Text>
    );
  }
  return (
    <View className="cm__banner" id={id}>
      {target.title && <Text className="cm__name">{target.title}</Text>}
      {target.text && <Text className="cm__text">{target.text}</Text>}
      {target.images.length > 0 && (
        <View className="cm__grid">
          {target.images.map((image) =>
            image.url ? (
              <Image key={image.id} className="cm__thumb" src={image.url} mode="aspectFill" />
            ) : (
              <View key={image.id} className="cm__thumb" />
            ),
          )}
        </View>
      )}
    </View>
  );
}
