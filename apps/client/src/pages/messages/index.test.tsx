import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Conversation } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversation, message, person } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { MessagesScreen } from './MessagesScreen';

const ming = person('u2', '阿明');
const hong = person('u3', '小红');
const gang = person('u4', '大刚');
const withMing = conversation('c1', ming, {
  unread: 3,
  lastMessage: message('m1', id('c1'), ming.userId, '周末去拍日落吗'),
  lastMessageAt: '2026-06-01T07:58:00.000Z',
});
const fromHong = conversation('c2', hong, {
  status: 'requested',
  lastMessage: message('m2', id('c2'), hong.userId, '你好，想请教一下'),
});
const toGang = conversation('c3', gang, { status: 'requested', requestedByMe: true });

function renderMessages(items: Conversation[], extra: Record<string, Answer> = {}) {
  const opened: string[] = [];
  const api = renderWithApi(
    <MessagesScreen onOpen={(c) => opened.push(c.id)} now={new Date('2026-06-01T08:00:00.000Z')} />,
    {
      'messages.conversations': pagedAnswer(() => items),
      'messages.poll': () => ({ messages: [], cursor: 'c0', more: false, unread: 3 }),
      ...extra,
    },
  );
  return { ...api, opened };
}

describe('the messages list', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it("lists conversations with the other's name, last message, time and unread count; requests to me apart", async () => {
    const screen = renderMessages([withMing, fromHong, toGang]);
    await waitFor(() => element('#messages-list'));
    expect(textOf(`#conversation-${withMing.id}`)).toContain('阿明');
    expect(textOf(`#conversation-${withMing.id}`)).toContain('周末去拍日落吗');
    expect(textOf(`#conversation-${withMing.id}`)).toContain('2分钟前');
    expect(textOf(`#conversation-unread-${withMing.id}`)).toBe('3');
    expect(textOf('#messages-requests')).toContain('小红');
    expect(textOf('#messages-list')).not.toContain('小红');
    // My own request waits in the list, saying so.
    expect(textOf(`#conversation-${toGang.id}`)).toContain('已发送私信请求，等待对方接受');
    fireEvent.click(element(`#conversation-${withMing.id}`));
    expect(screen.opened).toEqual([withMing.id]);
    // The app's one poll runs while the list is shown.
    await waitFor(() => expect(screen.callsTo('messages.poll').length).toBeGreaterThan(0));
  });

  it('accepts or declines a request, and says a refusal', async () => {
    let items = [withMing, fromHong];
    const screen = renderMessages([], {
      'messages.conversations': pagedAnswer(() => items),
      'messages.accept': () => {
        items = [withMing, { ...fromHong, status: 'active' }];
        return { ok: true };
      },
    });
    fireEvent.click(await waitFor(() => element(`#request-accept-${fromHong.id}`)));
    await waitFor(() => expect(document.querySelector('#messages-requests')).toBeNull());
    expect(textOf('#messages-list')).toContain('小红');
    expect(screen.callsTo('messages.accept')).toEqual([{ conversationId: fromHong.id }]);
    cleanup();
    renderMessages([fromHong], {
      'messages.decline': () => {
        throw appError('COMMUNITY_BLOCKED');
      },
    });
    fireEvent.click(await waitFor(() => element(`#request-decline-${fromHong.id}`)));
    await waitFor(() => expect(textOf('#messages-notice')).toBe('你们之间有一方已拉黑对方'));
  });

  it('says when there are none that messages need mutual follows or an accepted request, in English too', async () => {
    renderMessages([]);
    await waitFor(() => expect(textOf('#messages-empty')).toContain('互相关注'));
    cleanup();
    setLocale('en');
    renderMessages([]);
    await waitFor(() => expect(textOf('#messages-empty')).toContain('follow each other'));
  });

  it('pages: the next page on "load more"', async () => {
    const many = Array.from({ length: 25 }, (_, n) => conversation(`k${n}`, person(`p${n}`, `人${n}`)));
    const screen = renderMessages(many);
    await waitFor(() => expect(document.querySelectorAll('#messages-list .screen__row')).toHaveLength(20));
    fireEvent.click(element('#messages-more'));
    await waitFor(() => expect(document.querySelectorAll('#messages-list .screen__row')).toHaveLength(25));
    expect(screen.callsTo('messages.conversations')[1]).toMatchObject({ cursor: '20', limit: 20 });
  });
});
