import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { COMMENT_MAX_CHARS } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { id } from '../../../test/support/ids';
import { element, renderWithApi, textOf } from '../../../test/support/screen';
import { comment, type FakeSocial, fakeSocial, MAMA, NAINAI } from '../../../test/support/together';
import { setLocale } from '../../i18n';
import { COMMENTS_PAGE_SIZE, Comments } from './Comments';

const H1 = id('h1');
const P1 = id('p1');
/** 08:30 on 3 May 2026 in the device's zone; comments are written at fixed local times before it. */
const NOW = new Date(2026, 4, 3, 8, 30);
const localIso = (h: number, min: number, day = 3) => new Date(2026, 4, day, h, min).toISOString();

function renderComments(me = NAINAI, isOwner = false, setup: (family: FakeSocial) => void = () => undefined) {
  const family = fakeSocial(me, isOwner);
  setup(family);
  const api = renderWithApi(
    <Comments homeId={H1} photoId={P1} now={NOW} settleMs={0} onClose={() => undefined} />,
    family.answers,
  );
  return { family, ...api };
}

const rows = () => Array.from(document.querySelectorAll('.comments__item'), (row) => row.textContent);

async function type(text: string) {
  const input = await waitFor(() => element('#comment-input textarea'));
  fireEvent.input(input, { target: { value: text } });
}

/** Mama's comment and Nainai's, an hour and a day apart. */
const conversation = (family: FakeSocial) => {
  family.comments.push(
    comment('c1', MAMA, '宝宝第一次走路！', { createdAt: localIso(14, 2, 2) }),
    comment('c2', NAINAI, '好可爱', { createdAt: localIso(8, 27) }),
  );
};

describe('comments in the viewer', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('lists them oldest first, with who and when', async () => {
    renderComments(NAINAI, false, conversation);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()).toEqual(['妈妈昨天 14:02宝宝第一次走路！', '奶奶3分钟前删除好可爱']);
  });

  it('says when there are none yet, and names a deleted account', async () => {
    renderComments();
    await waitFor(() => expect(textOf('#comments-empty')).toBe('还没有评论，说点什么吧'));
    cleanup();
    setLocale('en');
    renderComments(NAINAI, false, (family) =>
      family.comments.push(comment('c1', null, 'hi', { createdAt: localIso(8, 0) })),
    );
    await waitFor(() => expect(rows()).toEqual(['Deleted account30 min agohi']));
  });

  it('pages through a long conversation', async () => {
    const { callsTo } = renderComments(NAINAI, false, (family) => {
      for (let n = 0; n < COMMENTS_PAGE_SIZE + 5; n += 1) family.comments.push(comment(`c${n}`, MAMA, `第${n}条`));
    });
    await waitFor(() => expect(rows()).toHaveLength(COMMENTS_PAGE_SIZE));
    fireEvent.click(element('#comments-more'));
    await waitFor(() => expect(rows()).toHaveLength(COMMENTS_PAGE_SIZE + 5));
    expect(rows()[COMMENTS_PAGE_SIZE + 4]).toContain(`第${COMMENTS_PAGE_SIZE + 4}条`);
    expect(document.querySelector('#comments-more')).toBeNull();
    expect(callsTo('comments.list')).toHaveLength(2);
  });

  it.each([
    ['a viewer (亲友)', NAINAI, false],
    ['the owner', MAMA, true],
  ] as const)('lets %s add a comment, which then shows at the end', async (_role, me, isOwner) => {
    const { callsTo } = renderComments(me, isOwner, conversation);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await type('  真好看  ');
    expect(textOf('#comment-counter')).toBe(`3/${COMMENT_MAX_CHARS}`);
    fireEvent.click(element('#comment-send'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2]).toContain('真好看');
    expect(callsTo('comments.add')).toEqual([{ homeId: H1, photoId: P1, text: '真好看' }]);
    expect((element('#comment-input textarea') as HTMLTextAreaElement).value).toBe('');
  });

  it('refuses a comment past the limit with the reason, sending nothing and keeping the text', async () => {
    const { callsTo } = renderComments();
    const long = '好'.repeat(COMMENT_MAX_CHARS + 1);
    await type(long);
    expect(textOf('#comment-counter')).toBe(`${COMMENT_MAX_CHARS + 1}/${COMMENT_MAX_CHARS}`);
    expect(element('#comment-counter').className).toContain('comments__counter--over');
    fireEvent.click(element('#comment-send'));
    await waitFor(() => expect(textOf('#comment-problem')).toBe(`评论最多 ${COMMENT_MAX_CHARS} 个字，请删掉一些`));
    expect(callsTo('comments.add')).toEqual([]);
    expect((element('#comment-input textarea') as HTMLTextAreaElement).value).toBe(long);
  });

  it('refuses control characters, and keeps what was typed when the server fails', async () => {
    const { family, callsTo } = renderComments();
    await type('好\u0007');
    fireEvent.click(element('#comment-send'));
    await waitFor(() => expect(textOf('#comment-problem')).toBe('评论里有不能用的字符'));
    await type('好可爱');
    family.failNext = 'INTERNAL';
    fireEvent.click(element('#comment-send'));
    await waitFor(() => expect(textOf('#comment-problem')).toBe('发送失败：服务器出了点问题，请稍后再试'));
    expect((element('#comment-input textarea') as HTMLTextAreaElement).value).toBe('好可爱');
    expect(callsTo('comments.add')).toHaveLength(1);
  });

  it("lets a viewer delete her own comment after confirming, and offers nothing on the owner's", async () => {
    const { callsTo } = renderComments(NAINAI, false, conversation);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(document.querySelector(`#comment-delete-${id('c1')}`)).toBeNull();
    fireEvent.click(element(`#comment-delete-${id('c2')}`));
    expect(textOf('#comment-delete-dialog .xj-dialog__title')).toBe('删除这条评论？');
    fireEvent.click(element('#comment-delete-dialog-cancel'));
    expect(document.querySelector('#comment-delete-dialog')).toBeNull();
    expect(callsTo('comments.delete')).toEqual([]);
    fireEvent.click(element(`#comment-delete-${id('c2')}`));
    fireEvent.click(element('#comment-delete-dialog-confirm'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsTo('comments.delete')).toEqual([{ homeId: H1, commentId: id('c2') }]);
    expect(document.querySelector('#comment-delete-dialog')).toBeNull();
  });

  it("lets the owner delete anyone's comment, and says so when the server refuses", async () => {
    const { family } = renderComments(MAMA, true, conversation);
    await waitFor(() => expect(rows()).toHaveLength(2));
    family.failNext = 'COMMENT_NOT_YOURS';
    fireEvent.click(element(`#comment-delete-${id('c2')}`));
    fireEvent.click(element('#comment-delete-dialog-confirm'));
    await waitFor(() =>
      expect(textOf('#comment-delete-dialog .xj-dialog__body')).toBe(
        '删除失败：只能删除自己的评论（家的主人可以删除任何评论）',
      ),
    );
    expect(rows()).toHaveLength(2);
    fireEvent.click(element('#comment-delete-dialog-confirm'));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toContain('宝宝第一次走路！');
  });
});
