import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { activitySentence, type SentenceOf } from './sentence';

const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const entry = (over: Partial<SentenceOf>): SentenceOf => ({
  kind: 'upload',
  actorName: '妈妈',
  count: 1,
  text: null,
  childName: null,
  ...over,
});

describe('feed sentences', () => {
  it('counts uploads and likes, with English plurals', () => {
    expect(activitySentence(entry({ count: 12 }), zh)).toBe('妈妈上传了 12 张照片');
    expect(activitySentence(entry({ count: 12, actorName: 'Mum' }), en)).toBe('Mum uploaded 12 photos');
    expect(activitySentence(entry({ count: 1, actorName: 'Mum' }), en)).toBe('Mum uploaded 1 photo');
    expect(activitySentence(entry({ kind: 'like', actorName: '奶奶', count: 3 }), zh)).toBe('奶奶赞了 3 张照片');
    expect(activitySentence(entry({ kind: 'like', actorName: 'Grandma', count: 1 }), en)).toBe('Grandma liked 1 photo');
  });

  it('quotes the comment, and counts several', () => {
    expect(activitySentence(entry({ kind: 'comment', actorName: '爸爸', text: '好可爱' }), zh)).toBe(
      '爸爸评论了：好可爱',
    );
    expect(activitySentence(entry({ kind: 'comment', actorName: '爸爸', count: 3, text: '好可爱' }), zh)).toBe(
      '爸爸评论了 3 次：好可爱',
    );
    expect(activitySentence(entry({ kind: 'comment', actorName: 'Dad', count: 2, text: 'So cute' }), en)).toBe(
      'Dad commented 2 times: So cute',
    );
  });

  it("names the child and the milestone, a preset's in the language, a custom one as typed", () => {
    const walk = entry({ kind: 'milestone', text: 'first_steps', childName: '宝宝' });
    expect(activitySentence(walk, zh)).toBe('妈妈记录了 宝宝 第一次走路');
    expect(activitySentence({ ...walk, actorName: 'Mum', childName: 'Bao' }, en)).toBe('Mum recorded Bao: First steps');
    expect(activitySentence({ ...walk, text: '第一次看海' }, zh)).toBe('妈妈记录了 宝宝 第一次看海');
    expect(activitySentence({ ...walk, count: 2, actorName: 'Mum', childName: 'Bao' }, en)).toBe(
      "Mum recorded 2 of Bao's milestones",
    );
  });

  it('says a milestone plainly when its child was deleted since, in both languages', () => {
    const walk = entry({ kind: 'milestone', text: 'first_steps', childName: null });
    expect(activitySentence(walk, zh)).toBe('妈妈记录了里程碑：第一次走路');
    expect(activitySentence({ ...walk, actorName: 'Mum' }, en)).toBe('Mum recorded a milestone: First steps');
    expect(activitySentence({ ...walk, childName: '' }, zh)).toBe('妈妈记录了里程碑：第一次走路');
    expect(activitySentence({ ...walk, count: 3 }, zh)).toBe('妈妈记录了 3 个里程碑');
    expect(activitySentence({ ...walk, count: 3, actorName: 'Mum' }, en)).toBe('Mum recorded 3 milestones');
  });

  it('says who joined, and a deleted account by that name', () => {
    expect(activitySentence(entry({ kind: 'join', actorName: '外公' }), zh)).toBe('外公加入了这个家');
    expect(activitySentence(entry({ kind: 'upload', actorName: null, count: 2 }), zh)).toBe('已注销上传了 2 张照片');
    expect(activitySentence(entry({ kind: 'join', actorName: null }), en)).toBe('Deleted account joined the home');
  });
});
