import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { CommentThread, Work } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, comment, profile, thread, work } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { WorkScreen } from './WorkScreen';

afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

const NOW = new Date('2026-06-01T09:00:00.000Z');

function renderWork(w: Work, answers: Record<string, Answer> = {}, threads: CommentThread[] = []) {
  const opened = { tags: [] as string[], profiles: [] as string[], unpublished: 0 };
  const api = renderWithApi(
    <WorkScreen
      workId={w.id}
      now={NOW}
      onOpenTag={(tag) => opened.tags.push(tag)}
      onOpenProfile={(userId) => opened.profiles.push(userId)}
      onUnpublished={() => {
        opened.unpublished += 1;
      }}
    />,
    {
      'works.get': () => w,
      'works.comments': pagedAnswer(() => threads),
      'profiles.get': () => profile(ALICE),
      ...answers,
    },
  );
  return { ...api, opened };
}

describe('WorkScreen', () => {
  it('shows the work: images, title, description, tags, EXIF and place, and the author', async () => {
    const w = work('w1', { exif: { camera: 'X100V', aperture: 'f/2', iso: 160 }, place: '西湖' });
    const { opened } = renderWork(w);
    await waitFor(() => expect(textOf('#work-title')).toBe('Work w1'));
    expect(document.querySelectorAll('#work-images .work__image')).toHaveLength(2);
    expect(textOf('#work-exif')).toBe('X100V · f/2 ISO 160');
    expect(textOf('#work-place')).toBe('📍 西湖');
    fireEvent.click(element('#work-tags .work__tag'));
    expect(opened.tags).toEqual(['autumn']);
    fireEvent.click(element('#work-author .work__author-name'));
    expect(opened.profiles).toEqual([ALICE.userId]);
    await waitFor(() => expect(textOf('#work-follow')).toBe('关注'));
    expect(document.querySelector('#work-edit')).toBeNull();
  });

  it('likes at once, takes the server’s count, and goes back when refused', async () => {
    let refuse = false;
    // Each like answers when the test lets it, so what shows before the answer can be seen.
    let answer = () => undefined as unknown;
    const gate = () =>
      new Promise<void>((resolve) => {
        answer = () => resolve();
      });
    const w = work('w1');
    const { callsTo } = renderWork(w, {
      'works.like': async () => {
        await gate();
        if (refuse) throw appError('RATE_LIMITED');
        return { likeCount: 7, likedByMe: true };
      },
      'works.unlike': () => ({ likeCount: 6, likedByMe: false }),
    });
    await waitFor(() => expect(textOf('#work-like')).toBe('♡ 3'));
    fireEvent.click(element('#work-like'));
    await waitFor(() => expect(textOf('#work-like')).toBe('♥ 4'));
    answer();
    await waitFor(() => expect(textOf('#work-like')).toBe('♥ 7'));
    fireEvent.click(element('#work-like'));
    await waitFor(() => expect(textOf('#work-like')).toBe('♡ 6'));
    refuse = true;
    fireEvent.click(element('#work-like'));
    await waitFor(() => expect(textOf('#work-like')).toBe('♥ 7'));
    answer();
    await waitFor(() => expect(textOf('#work-like')).toBe('♡ 6'));
    expect(textOf('#work-problem')).toContain('点赞失败');
    expect(callsTo('works.like')).toEqual([{ workId: w.id }, { workId: w.id }]);
  });

  it('follows the author optimistically and rolls back on a refusal', async () => {
    // The refusal is said in a toast (Taro's H5 APIs are not loaded under jsdom: record what is shown).
    const toasts: string[] = [];
    const taro = Taro as unknown as Record<string, unknown>;
    const original = taro.showToast;
    taro.showToast = async ({ title }: { title: string }) => {
      toasts.push(title);
    };
    try {
      renderWork(work('w1'), { 'follows.follow': () => Promise.reject(appError('RATE_LIMITED')) });
      await waitFor(() => expect(textOf('#work-follow')).toBe('关注'));
      fireEvent.click(element('#work-follow'));
      expect(textOf('#work-follow')).toBe('已关注');
      await waitFor(() => expect(textOf('#work-follow')).toBe('关注'));
      await waitFor(() => expect(toasts).toEqual(['操作太频繁，请稍后再试']));
    } finally {
      taro.showToast = original;
    }
  });

  it('lists comments with replies, marks my pending and refused ones, replies and deletes', async () => {
    const mine = comment('c3', { author: BOB, status: 'rejected', reviewReason: 'rude', canDelete: true });
    const threads = [
      thread('c1', [comment('r1', { author: ALICE, text: 'thanks' })]),
      thread('c2', [], { status: 'pending', canDelete: true }),
      { ...mine, replies: [], replyCount: 0 },
    ];
    const { callsTo } = renderWork(
      work('w1'),
      {
        'works.comment': (input) => comment('c9', { text: (input as { text: string }).text }),
        'works.deleteComment': () => ({ count: 1 }),
      },
      threads,
    );
    await waitFor(() => element(`#work-comment-${id('r1')}`));
    expect(element(`#work-comment-${id('r1')}`).className).toContain('work-comment--reply');
    expect(textOf(`#work-comment-${id('c2')}`)).toContain('审核中，仅你可见');
    expect(textOf(`#work-comment-${id('c3')}`)).toContain('未通过审核（rude），仅你可见');
    // Replies reply to the top-level comment only: no reply link on a reply.
    expect(document.querySelector(`#work-reply-${id('r1')}`)).toBeNull();
    expect(document.querySelector(`#work-delete-${id('c1')}`)).toBeNull();

    fireEvent.click(element(`#work-reply-${id('c1')}`));
    expect(textOf('#work-replying')).toContain('回复 Bob');
    fireEvent.input(await waitFor(() => element('#work-comment-input textarea')), { target: { value: ' 好看 ' } });
    fireEvent.click(element('#work-comment-send'));
    await waitFor(() =>
      expect(callsTo('works.comment')).toEqual([{ workId: id('w1'), text: '好看', parentId: id('c1') }]),
    );
    await waitFor(() => expect(document.querySelector('#work-replying')).toBeNull());

    fireEvent.click(element(`#work-delete-${id('c2')}`));
    fireEvent.click(element('#work-delete-comment-confirm'));
    await waitFor(() => expect(callsTo('works.deleteComment')).toEqual([{ commentId: id('c2') }]));
  });

  it('keeps a refused comment’s draft and says why', async () => {
    renderWork(work('w1'), { 'works.comment': () => Promise.reject(appError('CONTENT_REJECTED')) });
    const input = await waitFor(() => element('#work-comment-input textarea'));
    fireEvent.input(input, { target: { value: 'bad words' } });
    fireEvent.click(element('#work-comment-send'));
    await waitFor(() => expect(textOf('#work-comment-problem')).toContain('内容未通过安全检查'));
    expect((element('#work-comment-input textarea') as HTMLTextAreaElement).value).toBe('bad words');
  });

  it('reports a work with a reason', async () => {
    const { callsTo } = renderWork(work('w1'), { 'reports.create': () => ({ id: id('rep1'), created: true }) });
    await waitFor(() => element('#work-report'));
    fireEvent.click(element('#work-report'));
    fireEvent.click(element('#work-report-dialog-confirm'));
    expect(textOf('#work-report-problem')).toBe('请写下举报的原因');
    fireEvent.input(await waitFor(() => element('#work-report-reason textarea')), { target: { value: 'not theirs' } });
    fireEvent.click(element('#work-report-dialog-confirm'));
    await waitFor(() =>
      expect(callsTo('reports.create')).toEqual([{ kind: 'work', targetId: id('w1'), reason: 'not theirs' }]),
    );
    await waitFor(() => expect(document.querySelector('#work-report-dialog')).toBeNull());
  });

  it('shows the author the state and reason, edits through works.update and unpublishes after confirming', async () => {
    setLocale('en');
    const w = work('w1', { isMine: true, status: 'rejected', reviewReason: 'blurry' });
    let current = w;
    const { callsTo, opened } = renderWork(w, {
      'works.get': () => current,
      'works.update': (input) => {
        current = { ...w, ...(input as object), status: 'pending', reviewReason: null };
        return current;
      },
      'works.unpublish': () => ({ ok: true }),
    });
    await waitFor(() => expect(textOf('#work-status')).toBe('Not approved: blurry'));
    expect(document.querySelector('#work-follow')).toBeNull();
    expect(document.querySelector('#work-report')).toBeNull();
    fireEvent.click(element('#work-edit'));
    fireEvent.input(await waitFor(() => element('#work-facts-title input')), { target: { value: 'Sharper' } });
    fireEvent.click(element('#work-editor-save'));
    await waitFor(() =>
      expect(callsTo('works.update')).toMatchObject([{ workId: w.id, title: 'Sharper', tags: w.tags }]),
    );
    await waitFor(() => expect(textOf('#work-status')).toBe('In review: others see this work once it is approved.'));
    expect(textOf('#work-title')).toBe('Sharper');

    fireEvent.click(element('#work-unpublish'));
    fireEvent.click(element('#work-unpublish-dialog-confirm'));
    await waitFor(() => expect(opened.unpublished).toBe(1));
    expect(callsTo('works.unpublish')).toEqual([{ workId: w.id }]);
  });

  it('says a missing work plainly, with a retry', async () => {
    renderWork(work('w1'), { 'works.get': () => Promise.reject(appError('NOT_FOUND')) });
    await waitFor(() => expect(textOf('#work-state')).toContain('读取作品失败'));
  });
});
