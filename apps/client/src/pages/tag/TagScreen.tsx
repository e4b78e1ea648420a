/** One tag's feed (#秋天): its works as a waterfall, newest first, a page at a time. */
import { Text, View } from '@tarojs/components';
import { normalizeTag } from '@xiaojia/shared';
import type { WaterfallCard } from '../../components/WorkWaterfall';
import { WorkFeed } from '../../components/WorkWaterfall/feed';
// After the waterfall's styles, in the order the discover page has them (one CSS order for the shared chunk).
import '../discover/index.css';

export function TagScreen({
  tag,
  onOpenWork,
  reachedBottom = 0,
}: {
  tag: string;
  onOpenWork(work: WaterfallCard): void;
  reachedBottom?: number;
}) {
  const normalized = normalizeTag(tag);
  return (
    <View className="screen discover" id="tag-page">
      <Text className="discover__title" id="tag-title">{`#${normalized}`}</Text>
      <WorkFeed
        id="tag-feed"
        source={{ kind: 'tag', tag: normalized }}
        emptyKey="discover.empty.tag"
        reachedBottom={reachedBottom}
        onOpen={onOpenWork}
      />
    </View>
  );
}
