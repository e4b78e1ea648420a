import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { CommunityUser, Profile } from '@xiaojia/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, myWorkCard, profile, workCard } from '../../../test/support/community';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { ProfileScreen } from './ProfileScreen';

afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

function renderProfile(userId: string, answers: Record<string, Answer>) {
  const opened = { messages: [] as string[], profiles: [] as string[] };
  const api = renderWithApi(
    <ProfileScreen
      userId={userId}
      onOpenWork={() => undefined}
      onOpenProfile={(u) => opened.profiles.push(u)}
      onMessage={(u) => opened.messages.push(u)}
    />,
    answers,
  );
  return { ...api, opened };
}

describe('ProfileScreen', () => {
  it('shows someone’s profile and works, follows them at once, and opens a conversation', async () => {
    const { callsTo, opened } = renderProfile(ALICE.userId, {
      'profiles.get': () => profile(ALICE),
      'feeds.author': pagedAnswer(() => [workCard('a1')]),
      'follows.follow': () => ({ following: true, followersCount: 12 }),
    });
    await waitFor(() => expect(textOf('#profile-name')).toBe('Alice'));
    expect(textOf('#profile-bio')).toBe('Lakes and mornings');
    await waitFor(() => element(`#work-card-${id('a1')}`));
    expect(callsTo('feeds.author')).toMatchObject([{ userId: ALICE.userId }]);
    expect(textOf('#profile-count-followers')).toContain('10');
    fireEvent.click(element('#profile-follow'));
    expect(textOf('#profile-follow')).toBe('已关注');
    expect(textOf('#profile-count-followers')).toContain('11');
    await waitFor(() => expect(textOf('#profile-count-followers')).toContain('12'));
    fireEvent.click(element('#profile-message'));
    expect(opened.messages).toEqual([ALICE.userId]);
    expect(document.querySelector('#profile-edit-bio')).toBeNull();
  });

  it('shows my own works in every state with badges, and edits my bio (a refusal said plainly)', async () => {
    let me: Profile = profile(BOB, { isMe: true, bio: '' });
    const { callsTo } = renderProfile(BOB.userId, {
      'profiles.get': () => me,
      'works.mine': pagedAnswer(() => [myWorkCard('m1', { status: 'pending' })]),
      'profiles.update': (input) => {
        const { bio } = input as { bio: string };
        if (bio.includes('bad')) throw appError('CONTENT_REJECTED');
        me = { ...me, bio };
        return me;
      },
    });
    await waitFor(() => expect(textOf(`#work-card-${id('m1')} .waterfall__status`)).toBe('审核中'));
    expect(document.querySelector('#profile-follow')).toBeNull();
    expect(textOf('#profile-bio')).toBe('还没有简介。');
    fireEvent.click(element('#profile-edit-bio'));
    const input = await waitFor(() => element('#profile-bio-input textarea'));
    fireEvent.input(input, { target: { value: 'bad words' } });
    fireEvent.click(element('#profile-bio-save'));
    await waitFor(() => expect(textOf('#profile-bio-problem')).toBe('保存失败：内容未通过安全检查，请修改后再试'));
    fireEvent.input(element('#profile-bio-input textarea'), { target: { value: 'Birds' } });
    fireEvent.click(element('#profile-bio-save'));
    await waitFor(() => expect(textOf('#profile-bio')).toBe('Birds'));
    expect(callsTo('profiles.update')).toEqual([{ bio: 'bad words' }, { bio: 'Birds' }]);
  });

  it('lists followers a page at a time and opens one', async () => {
    setLocale('en');
    const people: CommunityUser[] = Array.from({ length: 3 }, (_, n) => ({
      userId: id(`f${n}`),
      displayName: `F${n}`,
    }));
    const { opened } = renderProfile(ALICE.userId, {
      'profiles.get': () => profile(ALICE),
      'feeds.author': pagedAnswer(() => []),
      'profiles.followers': pagedAnswer(() => people),
    });
    await waitFor(() => element('#profile-count-followers'));
    fireEvent.click(element('#profile-count-followers'));
    await waitFor(() => element(`#profile-person-${id('f2')}`));
    fireEvent.click(element(`#profile-person-${id('f1')}`));
    expect(opened.profiles).toEqual([id('f1')]);
    expect(textOf('#profile-count-likes')).toBe('30Likes');
  });

  it('says I blocked someone (the server’s blockedByMe), shows none of their works, and unblocks', async () => {
    let blocked = true;
    const { callsTo } = renderProfile(ALICE.userId, {
      'profiles.get': () => profile(ALICE, blocked ? { bio: '', blockedByMe: true } : {}),
      'feeds.author': pagedAnswer(() => [workCard('a1')]),
      'blocks.unblock': () => {
        blocked = false;
        return { unblocked: true };
      },
    });
    await waitFor(() => expect(textOf('#profile-blocked')).toContain('你已拉黑 Alice'));
    expect(document.querySelector('#profile-follow')).toBeNull();
    expect(document.querySelector('#profile-message')).toBeNull();
    expect(callsTo('feeds.author')).toEqual([]);
    expect(callsTo('blocks.list')).toEqual([]);
    fireEvent.click(element('#profile-unblock'));
    // Unblocking reloads the profile: the usual one, with the works.
    await waitFor(() => element(`#work-card-${id('a1')}`));
    expect(callsTo('blocks.unblock')).toEqual([{ userId: ALICE.userId }]);
    expect(document.querySelector('#profile-blocked')).toBeNull();
    expect(textOf('#profile-bio')).toBe('Lakes and mornings');
  });

  it('says an unblock that failed, in English too', async () => {
    setLocale('en');
    renderProfile(ALICE.userId, {
      'profiles.get': () => profile(ALICE, { bio: '', blockedByMe: true }),
      'blocks.unblock': () => Promise.reject(appError('RATE_LIMITED')),
    });
    await waitFor(() => expect(textOf('#profile-blocked')).toContain('You blocked Alice'));
    fireEvent.click(element('#profile-unblock'));
    await waitFor(() => expect(textOf('#profile-unblock-problem')).toContain('Could not unblock'));
  });

  it('says a profile that cannot load, with a retry', async () => {
    renderProfile(ALICE.userId, { 'profiles.get': () => Promise.reject(appError('NOT_FOUND')) });
    await waitFor(() => expect(textOf('#profile-state')).toContain('读取主页失败'));
  });
});
