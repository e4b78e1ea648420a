/**
 * What a feed entry says: "妈妈上传了 12 张照片", "奶奶赞了 3 张照片", "爸爸评论了：好可爱",
 * "妈妈记录了 宝宝 第一次走路", "奶奶加入了这个家" (and in English, with plurals).
 */
import { type Activity, MILESTONE_PRESETS, type MilestoneKind } from '@xiaojia/shared';
import type { Translate } from '../../i18n';
import { milestoneTitle as titleOf } from '../../lib/milestones';

export type SentenceOf = Pick<Activity, 'kind' | 'actorName' | 'count' | 'text' | 'childName'>;

const isPreset = (text: string): text is Exclude<MilestoneKind, 'custom'> =>
  (MILESTONE_PRESETS as readonly string[]).includes(text);

/** A milestone entry's title: the entry keeps a preset's key or the title the family typed. */
export function milestoneTitle(t: Translate, text: string | null): string {
  if (!text) return '';
  return titleOf(isPreset(text) ? { kind: text, title: null } : { kind: 'custom', title: text }, t);
}

export function activitySentence(entry: SentenceOf, t: Translate): string {
  const name = entry.actorName ?? t('social.deletedAccount');
  const { count } = entry;
  switch (entry.kind) {
    case 'upload':
      return t('feed.upload', { name, count });
    case 'like':
      return t('feed.like', { name, count });
    case 'comment':
      return t(count === 1 ? 'feed.comment' : 'feed.comments', { name, count, text: entry.text ?? '' });
    case 'milestone': {
      // The child may have been deleted since: the entry keeps its milestone, told without a name.
      const child = entry.childName || null;
      const title = milestoneTitle(t, entry.text);
      if (count === 1) {
        return child ? t('feed.milestone', { name, child, title }) : t('feed.milestone.noChild', { name, title });
      }
      return child ? t('feed.milestones', { name, child, count }) : t('feed.milestones.noChild', { name, count });
    }
    case 'join':
      return t('feed.join', { name });
  }
}
