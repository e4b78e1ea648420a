import { MILESTONE_PRESETS } from '@xiaojia/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { milestoneTitle } from './milestones';

const zh = (key: string) => translate('zh-CN', key);
const en = (key: string) => translate('en', key);

describe('milestone titles', () => {
  it('translate every preset in both languages', () => {
    for (const kind of MILESTONE_PRESETS) {
      expect(milestoneTitle({ kind, title: null }, zh)).not.toBe(`milestone.${kind}`);
      expect(milestoneTitle({ kind, title: null }, en)).not.toBe(`milestone.${kind}`);
    }
    expect(milestoneTitle({ kind: 'first_smile', title: null }, zh)).toBe('第一次笑');
    expect(milestoneTitle({ kind: 'first_steps', title: null }, en)).toBe('First steps');
  });

  it('keep a custom title as written', () => {
    expect(milestoneTitle({ kind: 'custom', title: '第一次去海边' }, en)).toBe('第一次去海边');
    expect(milestoneTitle({ kind: 'custom', title: null }, zh)).toBe('自定义');
  });
});
