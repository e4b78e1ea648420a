import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Challenge, ModerationItem, Report } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challenge, communityMe, image, moderationItem, myWorkCard, report } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { ReviewScreen } from './ReviewScreen';

const work = moderationItem('i1', 'work', { target: { title: '日落', text: '海边的日落', images: [image('im1')] } });
const comment = moderationItem('i2', 'comment', { target: { title: null, text: '加我微信 abc123', images: [] } });
const spam = report('r1', 'message', { target: { title: null, text: '买粉丝找我', images: [] } });
const rude = report('r2', 'user', { reason: '冒充别人' });

/** A textarea of Taro's Textarea, drawn a moment after it mounts. */
const textarea = (selector: string) => waitFor(() => element(`${selector} textarea`));
const input = (selector: string) => waitFor(() => element(`${selector} input`) as HTMLInputElement);

/** What Taro's Picker (date wheel or time wheel) emits when its 确定 is tapped. */
function pick(selector: string, value: string) {
  element(selector).dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }));
}

function renderReview(extra: Record<string, Answer> = {}) {
  let items: ModerationItem[] = [work, comment];
  let reports: Report[] = [spam, rude];
  return renderWithApi(<ReviewScreen now={new Date('2026-06-01T08:05:00.000Z')} />, {
    'profiles.me': () => communityMe({ isAdmin: true }),
    'moderation.queue': (input) => {
      const { kind, status } = input as { kind?: string; status: string };
      return { items: items.filter((i) => i.status === status && (!kind || i.kind === kind)), nextCursor: null };
    },
    'moderation.decide': (input) => {
      const { itemId, decision } = input as { itemId: string; decision: 'approve' | 'reject' };
      const status = decision === 'approve' ? 'approved' : 'rejected';
      items = items.map((i) => (i.id === itemId ? { ...i, status } : i));
      return { status };
    },
    'reports.list': (input) => ({
      items: reports.filter((r) => r.status === (input as { status: string }).status),
      nextCursor: null,
    }),
    'reports.resolve': (input) => {
      const { reportId, outcome } = input as { reportId: string; outcome: Report['status'] };
      reports = reports.map((r) => (r.id === reportId ? { ...r, status: outcome } : r));
      return { ok: true };
    },
    'moderation.suspend': () => ({ until: null }),
    'works.mine': () => ({ items: [], nextCursor: null }),
    'moderation.hideWork': () => ({ ok: true }),
    ...extra,
  });
}

describe('the review screen (审核)', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('tells a non-admin plainly, whether profiles.me says so or the server refuses', async () => {
    renderReview({ 'profiles.me': () => communityMe() });
    await waitFor(() => expect(textOf('#review-not-admin')).toContain('你不是社区管理员'));
    cleanup();
    renderReview({
      'profiles.me': () => {
        throw appError('COMMUNITY_NOT_ADMIN');
      },
    });
    await waitFor(() => expect(textOf('#review-state')).toContain('只有社区管理员可以这样做'));
  });

  it("shows each pending item's preview; approves one and rejects another with a reason", async () => {
    const screen = renderReview();
    await waitFor(() => element(`#item-${work.id}`));
    expect(textOf(`#item-target-${work.id}`)).toContain('日落');
    expect(document.querySelectorAll(`#item-target-${work.id} .cm__thumb`)).toHaveLength(1);
    expect(textOf(`#item-target-${comment.id}`)).toBe('加我微信 abc123');
    expect(textOf(`#item-${work.id}`)).toContain('需人工确认');
    fireEvent.click(element(`#approve-${work.id}`));
    await waitFor(() => expect(document.querySelector(`#item-${work.id}`)).toBeNull());
    expect(textOf('#queue-notice')).toBe('已通过');
    fireEvent.click(element(`#reject-${comment.id}`));
    fireEvent.click(element('#reject-dialog-confirm'));
    await waitFor(() => expect(textOf('#reject-dialog-error')).toBe('请写下理由（最多 500 字）'));
    fireEvent.input(await textarea('#reject-dialog-input'), { target: { value: '含有联系方式' } });
    fireEvent.click(element('#reject-dialog-confirm'));
    await waitFor(() => expect(textOf('#queue-empty')).toBe('这里没有内容。'));
    expect(screen.callsTo('moderation.decide')).toEqual([
      { itemId: work.id, decision: 'approve' },
      { itemId: comment.id, decision: 'reject', reason: '含有联系方式' },
    ]);
    // The filters ask the server for that kind and state.
    fireEvent.click(element('#queue-kind-comment'));
    fireEvent.click(element('#queue-status-rejected'));
    await waitFor(() => element(`#item-${comment.id}`));
    expect(screen.callsTo('moderation.queue').at(-1)).toMatchObject({ kind: 'comment', status: 'rejected' });
  });

  it('shows reports with the reported text; resolves one with a note and suspends a reported user', async () => {
    const screen = renderReview();
    fireEvent.click(await waitFor(() => element('#review-tab-reports')));
    await waitFor(() => expect(textOf(`#report-target-${spam.id}`)).toBe('买粉丝找我'));
    expect(textOf(`#report-${spam.id}`)).toContain('小红 举报');
    expect(document.querySelector(`#suspend-${spam.id}`)).toBeNull();
    fireEvent.click(element(`#resolve-${spam.id}`));
    fireEvent.input(await textarea('#report-action-dialog-input'), { target: { value: '已删除' } });
    fireEvent.click(element('#report-action-dialog-confirm'));
    await waitFor(() => expect(document.querySelector(`#report-${spam.id}`)).toBeNull());
    expect(screen.callsTo('reports.resolve')).toEqual([{ reportId: spam.id, outcome: 'resolved', note: '已删除' }]);
    fireEvent.click(element(`#suspend-${rude.id}`));
    fireEvent.input(await textarea('#report-action-dialog-input'), { target: { value: '多次骚扰' } });
    fireEvent.click(element('#report-action-dialog-confirm'));
    await waitFor(() => expect(textOf('#reports-notice')).toBe('账号已暂停'));
    expect(screen.callsTo('moderation.suspend')).toEqual([{ userId: rude.targetId, reason: '多次骚扰', until: null }]);
  });

  it('creates a challenge from the form, checking it before sending', async () => {
    const screen = renderReview({
      'challenges.list': () => ({ items: [], nextCursor: null }),
      'challenges.create': (input) => ({
        ...(input as object),
        id: id('ch9'),
        coverWorkId: null,
        cover: null,
        phase: 'upcoming',
        resultsAt: null,
        entries: 0,
      }),
    });
    fireEvent.click(await waitFor(() => element('#review-tab-challenges')));
    fireEvent.click(await waitFor(() => element('#challenge-new')));
    fireEvent.click(element('#challenge-save'));
    await waitFor(() => expect(textOf('#challenge-form-error')).toBe('请检查「主题」'));
    expect(screen.callsTo('challenges.create')).toEqual([]);
  });

  /** The admin's 挑战 tab with the challenge form open and every field filled (the windows as `windows`). */
  async function fillChallengeForm(
    windows: Record<'submitStartsAt' | 'submitEndsAt' | 'voteEndsAt', [string, string]>,
  ) {
    fireEvent.click(await waitFor(() => element('#review-tab-challenges')));
    fireEvent.click(await waitFor(() => element('#challenge-new')));
    fireEvent.input(await input('#challenge-title-input'), { target: { value: '  城市的夜晚  ' } });
    fireEvent.input(await textarea('#challenge-rules-input'), { target: { value: '夜里拍的，一人两张' } });
    fireEvent.click(await waitFor(() => element(`#challenge-cover-pick-${id('w7')}`)));
    for (const [field, [day, time]] of Object.entries(windows)) {
      pick(`#challenge-${field}-day`, day);
      pick(`#challenge-${field}-time`, time);
    }
    fireEvent.input(await input('#challenge-per-user-input'), { target: { value: '2' } });
  }

  /** The instant of a local day and time, as the admin's phone reads the wheels. */
  const local = (y: number, m: number, d: number, h: number, min: number) =>
    new Date(y, m - 1, d, h, min).toISOString();

  it('creates a challenge with every field, sends exactly what was filled, and lists it', async () => {
    let made: Challenge[] = [];
    const screen = renderReview({
      'works.mine': () => ({ items: [myWorkCard('w7', { title: '夜色' })], nextCursor: null }),
      'challenges.list': () => ({ items: made, nextCursor: null }),
      'challenges.create': (sent) => {
        const created = challenge('ch9', 'upcoming', { ...(sent as Partial<Challenge>), entries: 0 });
        made = [created];
        return created;
      },
    });
    await fillChallengeForm({
      submitStartsAt: ['2026-06-02', '10:30'],
      submitEndsAt: ['2026-06-09', '21:00'],
      voteEndsAt: ['2026-06-16', '20:15'],
    });
    // The picked cover's id fills the cover field.
    expect((await input('#challenge-cover-input')).value).toBe(id('w7'));
    expect(textOf('#challenge-submitStartsAt-day .xj-date-field__text')).toBe('2026-06-02');
    expect(textOf('#challenge-voteEndsAt-time')).toBe('20:15');
    fireEvent.click(element('#challenge-save'));
    await waitFor(() => expect(textOf('#review-challenge-saved')).toBe('已保存挑战「城市的夜晚」'));
    expect(screen.callsTo('challenges.create')).toEqual([
      {
        title: '城市的夜晚',
        rules: '夜里拍的，一人两张',
        coverWorkId: id('w7'),
        submitStartsAt: local(2026, 6, 2, 10, 30),
        submitEndsAt: local(2026, 6, 9, 21, 0),
        voteEndsAt: local(2026, 6, 16, 20, 15),
        entriesPerUser: 2,
      },
    ]);
    // The form is gone and the list, asked again, has the new challenge.
    expect(document.querySelector('#challenge-form')).toBeNull();
    await waitFor(() => expect(textOf(`#review-challenge-${id('ch9')}`)).toContain('城市的夜晚'));
  });

  it("shows the server's refusal of windows out of order, and keeps the form as filled", async () => {
    const screen = renderReview({
      'works.mine': () => ({ items: [myWorkCard('w7')], nextCursor: null }),
      'challenges.list': () => ({ items: [], nextCursor: null }),
      'challenges.create': (sent) => {
        const { submitEndsAt, voteEndsAt } = sent as Challenge;
        if (!(submitEndsAt < voteEndsAt)) throw appError('BAD_INPUT');
        throw new Error('the form sent windows in order');
      },
    });
    // Voting would end before submissions close.
    await fillChallengeForm({
      submitStartsAt: ['2026-06-02', '09:00'],
      submitEndsAt: ['2026-06-09', '21:00'],
      voteEndsAt: ['2026-06-05', '21:00'],
    });
    fireEvent.click(element('#challenge-save'));
    await waitFor(() => expect(textOf('#challenge-form-error')).toBe('填写的内容有误，请检查后再试'));
    expect(screen.callsTo('challenges.create')).toHaveLength(1);
    expect(screen.callsTo('challenges.create')[0]).toMatchObject({ voteEndsAt: local(2026, 6, 5, 21, 0) });
    expect(document.querySelector('#review-challenge-saved')).toBeNull();
    expect((await input('#challenge-title-input')).value).toBe('  城市的夜晚  ');
  });
});
