import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { NotificationSettings } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { id } from '../../../test/support/ids';
import { appError, element, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { NotifyCard } from './NotifyCard';

const H1 = id('h1');
const TEMPLATE = 'tmpl-new-photos';

function renderCard(
  settings: NotificationSettings,
  subscribe: () => unknown = () => ({ ...settings, credits: settings.credits + 1 }),
) {
  return renderWithApi(<NotifyCard homeId={H1} />, {
    'notifications.settings': () => settings,
    'notifications.subscribe': subscribe,
  });
}

/** WeChat's answer to the subscribe dialog for our template. */
function wechatAnswers(choice: 'accept' | 'reject') {
  const ask = vi.fn(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: choice }));
  Object.assign(Taro, { requestSubscribeMessage: ask });
  return ask;
}

describe('WeChat reminders of new photos', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('shows nothing where the server cannot send them', async () => {
    const { callsTo } = renderCard({ available: false, templateId: null, credits: 0 });
    await waitFor(() => expect(callsTo('notifications.settings')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelector('#notify-card')).toBeNull();
  });

  it('asks WeChat from the tap, and on "accept" grants one more message, saying how many are left', async () => {
    const ask = wechatAnswers('accept');
    const { callsTo } = renderCard({ available: true, templateId: TEMPLATE, credits: 2 });
    await waitFor(() => expect(textOf('#notify-credits')).toBe('还能提醒你 2 次'));
    expect(textOf('#notify-card')).toContain('每同意一次，只能给你发一条提醒');
    fireEvent.click(element('#notify-subscribe'));
    await waitFor(() => expect(textOf('#notify-credits')).toBe('还能提醒你 3 次'));
    expect(ask).toHaveBeenCalledWith({ tmplIds: [TEMPLATE] });
    expect(callsTo('notifications.subscribe')).toEqual([{ homeId: H1, templateId: TEMPLATE }]);
  });

  it('tells the server nothing when the user declines, and says so', async () => {
    wechatAnswers('reject');
    setLocale('en');
    const { callsTo } = renderCard({ available: true, templateId: TEMPLATE, credits: 0 });
    await waitFor(() => expect(textOf('#notify-credits')).toBe('You will not be reminded now'));
    fireEvent.click(element('#notify-subscribe'));
    await waitFor(() => expect(textOf('#notify-problem')).toBe('Not accepted: no reminder this time'));
    expect(callsTo('notifications.subscribe')).toEqual([]);
  });

  it('says why when the server refuses the subscription', async () => {
    wechatAnswers('accept');
    renderCard({ available: true, templateId: TEMPLATE, credits: 0 }, () => {
      throw appError('NOTIFY_UNAVAILABLE');
    });
    await waitFor(() => expect(textOf('#notify-credits')).toBe('现在不会提醒你'));
    fireEvent.click(element('#notify-subscribe'));
    await waitFor(() => expect(textOf('#notify-problem')).toBe('开启提醒失败：现在无法订阅新照片提醒'));
    expect(textOf('#notify-credits')).toBe('现在不会提醒你');
  });
});
