/** A milestone's title as people read it: a preset's translation ("第一次笑"), or the custom title. */
import { MILESTONE_PRESETS, type Milestone, type MilestoneKind } from '@xiaojia/shared';
import type { Translate } from '../i18n';

export function milestoneTitle(milestone: Pick<Milestone, 'kind' | 'title'>, t: Translate): string {
  return milestone.kind === 'custom' ? (milestone.title ?? t('milestone.custom')) : t(`milestone.${milestone.kind}`);
}

/** The presets the sheet offers, in the shared order (first smile before school). */
export const PRESET_KINDS: readonly Exclude<MilestoneKind, 'custom'>[] = MILESTONE_PRESETS;
