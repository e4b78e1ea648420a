import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { MESSAGE_MAX, type Message } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversation, message, person, profile } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { pollerOf } from '../../lib/message-poll';
import { ConversationScreen } from './ConversationScreen';

const me = id('me');
const ming = person('u2', '阿明');
const thread = conversation('c1', ming, { unread: 1 });
const at = (minute: number) => `2026-06-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

/** The history newest first, as the server pages it (two at a time here, to page upward). */
function history(items: () => Message[]): Answer {
  return (input) => {
    const { cursor } = input as { cursor?: string };
    const limit = 2;
    const all = [...items()].reverse();
    const start = cursor ? Number(cursor) : 0;
    return {
      items: all.slice(start, start + limit),
      nextCursor: start + limit < all.length ? String(start + limit) : null,
    };
  };
}

function renderConversation(props: { conversationId?: string; userId?: string }, extra: Record<string, Answer> = {}) {
  const sent: Message[] = [
    message('m1', thread.id, ming.userId, '你好', { createdAt: at(1) }),
    message('m2', thread.id, me, '你好呀', { createdAt: at(2) }),
    message('m3', thread.id, me, '那张照片在哪拍的', {
      createdAt: at(3),
      status: 'rejected',
      reviewReason: '含有联系方式',
    }),
  ];
  let polled: Message[] = [];
  const profiles: string[] = [];
  const api = renderWithApi(
    <ConversationScreen {...props} onOpenProfile={(userId) => profiles.push(userId)} now={new Date(at(5))} />,
    {
      'messages.with': () => ({ conversation: thread, blockedByMe: false }),
      'messages.list': history(() => sent),
      'messages.poll': (input) => {
        const answer = { messages: polled, cursor: polled.length ? 'c2' : 'c1', more: false, unread: 0 };
        expect(input).toEqual((input as { cursor?: string }).cursor ? { cursor: 'c1' } : {});
        polled = [];
        return answer;
      },
      'messages.markRead': () => ({ ok: true }),
      'messages.conversations': () => ({ items: [thread], nextCursor: null }),
      'profiles.me': () => ({ user: person('me', '我'), isAdmin: false, suspension: null, unreadMessages: 0 }),
      'messages.send': (input) => {
        const m = message('m9', thread.id, me, (input as { text: string }).text, { createdAt: at(9) });
        sent.push(m);
        return m;
      },
      ...extra,
    },
  );
  const arrive = (m: Message) => {
    sent.push(m);
    polled = [m];
  };
  return { ...api, sent, arrive, profiles };
}

/** Taro's Textarea draws its <textarea> a moment after it mounts. */
const textarea = (selector: string) => waitFor(() => element(`${selector} textarea`));
const bubbles = () => [...document.querySelectorAll('.cm__bubble .cm__text')].map((b) => b.textContent);

describe('a conversation', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows the history oldest first, pages upward, and marks its own refused message with the reason', async () => {
    const screen = renderConversation({ userId: ming.userId }, { 'messages.list': history(() => screen.sent) });
    await waitFor(() => expect(bubbles()).toEqual(['你好呀', '那张照片在哪拍的']));
    expect(textOf('#conversation-name')).toBe('阿明');
    expect(textOf(`#message-status-${id('m3')}`)).toBe('未通过审核：含有联系方式');
    fireEvent.click(element('#conversation-earlier'));
    await waitFor(() => expect(bubbles()).toEqual(['你好', '你好呀', '那张照片在哪拍的']));
    // Only the other's messages can be reported; the caller's own carry no such link.
    expect(document.querySelector(`#message-report-${id('m1')}`)).not.toBeNull();
    expect(document.querySelector(`#message-report-${id('m2')}`)).toBeNull();
    expect(screen.callsTo('messages.with')).toEqual([{ userId: ming.userId }]);
    fireEvent.click(element('#conversation-profile'));
    expect(screen.profiles).toEqual([ming.userId]);
  });

  it('sends within MESSAGE_MAX with a counter, and a new message arrives by the poll without reloading, then is read', async () => {
    const screen = renderConversation({ conversationId: thread.id });
    await waitFor(() => element(`#message-${id('m3')}`));
    const input = await textarea('#message-input');
    fireEvent.input(input, { target: { value: 'x'.repeat(MESSAGE_MAX + 1) } });
    await waitFor(() => expect(textOf('#message-counter')).toBe(`${MESSAGE_MAX + 1}/${MESSAGE_MAX}`));
    expect(element('#message-send').hasAttribute('disabled')).toBe(true);
    fireEvent.input(input, { target: { value: '  周末见  ' } });
    fireEvent.click(await waitFor(() => element('#message-send:not([disabled])')));
    await waitFor(() => expect(screen.callsTo('messages.send')).toEqual([{ userId: ming.userId, text: '周末见' }]));
    await waitFor(() => expect(bubbles().at(-1)).toBe('周末见'));
    const listsBefore = screen.callsTo('messages.list').length;
    // 阿明 answers: the app's one poll brings it, without asking for the history again.
    await waitFor(() => expect(screen.callsTo('messages.poll').length).toBeGreaterThan(0));
    screen.arrive(message('m10', thread.id, ming.userId, '好的！', { createdAt: at(10) }));
    const reads = screen.callsTo('messages.markRead').length;
    pollerOf(screen.queryClient)?.kick();
    await waitFor(() => expect(bubbles().at(-1)).toBe('好的！'));
    expect(screen.callsTo('messages.list').length).toBe(listsBefore);
    await waitFor(() => expect(screen.callsTo('messages.markRead').length).toBeGreaterThan(reads));
    expect(screen.callsTo('messages.markRead').at(-1)).toEqual({ conversationId: thread.id });
  });

  it("says the server's refusal plainly: blocked, suspended, the content check", async () => {
    for (const [code, text] of [
      ['COMMUNITY_BLOCKED', '你们之间有一方已拉黑对方'],
      ['COMMUNITY_SUSPENDED', '你的账号已被暂停使用社区功能'],
      ['CONTENT_REJECTED', '内容未通过安全检查，请修改后再试'],
    ] as const) {
      renderConversation(
        { conversationId: thread.id },
        {
          'messages.send': () => {
            throw appError(code);
          },
        },
      );
      fireEvent.input(await textarea('#message-input'), { target: { value: '在吗' } });
      fireEvent.click(await waitFor(() => element('#message-send:not([disabled])')));
      await waitFor(() => expect(textOf('#message-problem')).toBe(text));
      cleanup();
    }
  });

  it('starts a conversation with someone new: not mutual followers, so it explains and sends a request', async () => {
    const stranger = person('u3', '小红');
    const screen = renderConversation(
      { userId: stranger.userId },
      {
        'messages.with': () => ({ conversation: null, blockedByMe: false }),
        'profiles.get': () => ({
          user: stranger,
          bio: '',
          worksCount: 0,
          followersCount: 0,
          followingCount: 0,
          likesReceived: 0,
          followedByMe: true,
          isMe: false,
          blockedByMe: false,
        }),
        'messages.send': () => {
          throw appError('MESSAGE_NOT_ALLOWED');
        },
        'messages.request': (input) =>
          message('m20', id('c2'), me, (input as { text: string }).text, { status: 'pending' }),
        'messages.list': () => ({
          items: [message('m20', id('c2'), me, '想请教一下构图', { status: 'pending' })],
          nextCursor: null,
        }),
      },
    );
    await waitFor(() => expect(textOf('#conversation-empty')).toBe('还没有消息，给 小红 发第一条吧。'));
    fireEvent.input(await textarea('#message-input'), { target: { value: '想请教一下构图' } });
    fireEvent.click(await waitFor(() => element('#message-send:not([disabled])')));
    await waitFor(() => expect(textOf('#message-problem')).toContain('还没有互相关注'));
    fireEvent.click(element('#message-request'));
    await waitFor(() =>
      expect(screen.callsTo('messages.request')).toEqual([{ userId: stranger.userId, text: '想请教一下构图' }]),
    );
    await waitFor(() => expect(textOf(`#message-status-${id('m20')}`)).toBe('审核中，通过后对方才能看到'));
    expect(screen.callsTo('messages.list')[0]).toMatchObject({ conversationId: id('c2'), limit: 30 });
  });

  it('blocks after a confirm: the thread says so and offers unblock; the composer goes', async () => {
    const screen = renderConversation(
      { userId: ming.userId },
      { 'blocks.block': () => ({ ok: true }), 'blocks.unblock': () => ({ unblocked: true }) },
    );
    fireEvent.click(await waitFor(() => element('#conversation-block')));
    expect(textOf('#block-dialog')).toContain('拉黑 阿明？');
    fireEvent.click(element('#block-dialog-confirm'));
    await waitFor(() => expect(textOf('#conversation-blocked')).toContain('你已拉黑 阿明'));
    expect(screen.callsTo('blocks.block')).toEqual([{ userId: ming.userId }]);
    expect(document.querySelector('#composer')).toBeNull();
    fireEvent.click(element('#conversation-unblock'));
    await waitFor(() => expect(document.querySelector('#conversation-blocked')).toBeNull());
    expect(screen.callsTo('blocks.unblock')).toEqual([{ userId: ming.userId }]);
    element('#composer');
  });

  it('knows a block made before (the server says blockedByMe) and says so in English too', async () => {
    setLocale('en');
    const screen = renderConversation(
      { userId: ming.userId },
      {
        'messages.with': () => ({ conversation: null, blockedByMe: true }),
        'profiles.get': () => profile(ming, { bio: '', blockedByMe: true }),
        'blocks.unblock': () => ({ unblocked: true }),
      },
    );
    await waitFor(() => expect(textOf('#conversation-blocked')).toContain('You blocked 阿明'));
    expect(document.querySelector('#composer')).toBeNull();
    expect(document.querySelector('#conversation-block')).toBeNull();
    // The block list is never asked: the answer about this one person is the server's.
    expect(screen.callsTo('blocks.list')).toEqual([]);
    fireEvent.click(element('#conversation-unblock'));
    await waitFor(() => expect(document.querySelector('#conversation-blocked')).toBeNull());
    expect(screen.callsTo('blocks.unblock')).toEqual([{ userId: ming.userId }]);
  });

  it('opened from the list, keeps the thread after blocking though the conversation leaves the list', async () => {
    let listed = [thread];
    const screen = renderConversation(
      { conversationId: thread.id },
      {
        'messages.conversations': () => ({ items: listed, nextCursor: null }),
        'blocks.block': () => {
          listed = [];
          return { ok: true };
        },
      },
    );
    fireEvent.click(await waitFor(() => element('#conversation-block')));
    fireEvent.click(element('#block-dialog-confirm'));
    await waitFor(() => expect(textOf('#conversation-blocked')).toContain('你已拉黑 阿明'));
    // The list was asked again (the block invalidated it) and no longer has it: the thread stays.
    await waitFor(() => expect(screen.callsTo('messages.conversations').length).toBeGreaterThan(1));
    expect(textOf('#conversation-name')).toBe('阿明');
    expect(document.querySelector('#conversation-state')).toBeNull();
  });

  it("reports one of the other's messages with a reason (kind 'message'), and the user (kind 'user')", async () => {
    const screen = renderConversation(
      { userId: ming.userId },
      { 'reports.create': () => ({ id: id('rp1'), created: true }) },
    );
    fireEvent.click(await waitFor(() => element('#conversation-earlier')));
    fireEvent.click(await waitFor(() => element(`#message-report-${id('m1')}`)));
    fireEvent.click(element('#report-dialog-confirm'));
    await waitFor(() => expect(textOf('#report-dialog-error')).toBe('请写下举报理由（最多 500 字）'));
    fireEvent.input(await textarea('#report-dialog-input'), { target: { value: '骚扰' } });
    fireEvent.click(element('#report-dialog-confirm'));
    await waitFor(() => expect(textOf('#conversation-notice')).toBe('已举报，管理员会处理'));
    fireEvent.click(element('#conversation-report'));
    fireEvent.input(await textarea('#report-dialog-input'), { target: { value: '冒充别人' } });
    fireEvent.click(element('#report-dialog-confirm'));
    await waitFor(() => expect(screen.callsTo('reports.create')).toHaveLength(2));
    expect(screen.callsTo('reports.create')).toEqual([
      { kind: 'message', targetId: id('m1'), reason: '骚扰' },
      { kind: 'user', targetId: ming.userId, reason: '冒充别人' },
    ]);
  });

  it('answers a request addressed to me: accept', async () => {
    const asked = conversation('c1', ming, { status: 'requested', requestedByMe: false });
    const screen = renderConversation(
      { userId: ming.userId },
      { 'messages.with': () => ({ conversation: asked, blockedByMe: false }), 'messages.accept': () => ({ ok: true }) },
    );
    await waitFor(() => expect(textOf('#conversation-request')).toContain('阿明 想给你发私信'));
    expect(element('#message-send').hasAttribute('disabled')).toBe(true);
    fireEvent.click(element('#conversation-accept'));
    await waitFor(() => expect(screen.callsTo('messages.accept')).toEqual([{ conversationId: asked.id }]));
  });
  it('an empty thread gets its first message by the poll: the conversation appears without reloading', async () => {
    let found: typeof thread | null = null;
    const first = message('m30', thread.id, ming.userId, '在吗？', { createdAt: at(30) });
    const screen = renderConversation(
      { userId: ming.userId },
      {
        'messages.with': () => ({ conversation: found, blockedByMe: false }),
        'profiles.get': () => ({
          user: ming,
          bio: '',
          worksCount: 0,
          followersCount: 1,
          followingCount: 1,
          likesReceived: 0,
          followedByMe: true,
          isMe: false,
          blockedByMe: false,
        }),
        'messages.list': () => ({ items: [first], nextCursor: null }),
      },
    );
    await waitFor(() => element('#conversation-empty'));
    await waitFor(() => expect(screen.callsTo('messages.poll').length).toBeGreaterThan(0));
    found = thread;
    screen.arrive(first);
    pollerOf(screen.queryClient)?.kick();
    await waitFor(() => expect(bubbles()).toEqual(['在吗？']));
    expect(screen.callsTo('messages.with').length).toBeGreaterThan(1);
  });
});
