import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communityMe } from '../../../test/support/community';
import { type Answer, appError, element, renderWithApi } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { type CommunityLink, CommunityRows } from './CommunityRows';

function renderRows(me: Answer) {
  const opened: CommunityLink[] = [];
  const api = renderWithApi(<CommunityRows onOpen={(link) => opened.push(link)} />, { 'profiles.me': me });
  return { ...api, opened };
}
const rows = () => [...document.querySelectorAll('#account-community .account__link-text')].map((r) => r.textContent);

describe("我的's community rows", () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(cleanup);

  it('lead an admin to 审核 and everyone to 黑名单', async () => {
    const screen = renderRows(() => communityMe({ isAdmin: true }));
    await waitFor(() => expect(rows()).toEqual(['黑名单', '审核']));
    fireEvent.click(element('#account-link-review'));
    fireEvent.click(element('#account-link-blocked'));
    expect(screen.opened).toEqual(['review', 'blocked']);
  });

  it('offer no review to a non-admin, nor while profiles.me cannot be had, in English too', async () => {
    setLocale('en');
    const screen = renderRows(() => communityMe());
    await waitFor(() => expect(screen.callsTo('profiles.me')).toHaveLength(1));
    await waitFor(() => expect(rows()).toEqual(['Blocked users']));
    cleanup();
    const failing = renderRows(() => {
      throw appError('NOT_FOUND');
    });
    await waitFor(() => expect(failing.callsTo('profiles.me')).toHaveLength(1));
    expect(rows()).toEqual(['Blocked users']);
  });
});
