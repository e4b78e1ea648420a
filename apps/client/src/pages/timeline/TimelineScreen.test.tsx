import Taro from '@tarojs/taro';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Home } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { element, page, photo, renderWithApi, textOf } from '../../components/Screen/testing';
import { home } from '../../home/testing';
import { setLocale } from '../../i18n';
import { TimelineScreen } from './TimelineScreen';

const mine = photo('01900000-0000-7000-8000-000000000001', '2026-05-03T08:00:00.000Z', 'user-1');
const theirs = photo('01900000-0000-7000-8000-000000000002', '2026-05-02T08:00:00.000Z', 'user-2');
const ME = {
  id: 'user-1',
  username: 'mama',
  displayName: '妈妈',
  hasPassword: true,
  wechatLinked: false,
  createdAt: '',
};

function renderTimeline(current: Home, homes: Home[] = [current]) {
  const switched: string[] = [];
  const api = renderWithApi(
    <TimelineScreen
      home={current}
      homes={homes}
      switchTo={async (id) => {
        switched.push(id);
      }}
    />,
    {
      'auth.me': () => ME,
      'photos.list': (input) => page((input as { onlyMine?: boolean }).onlyMine ? [mine] : [mine, theirs]),
    },
  );
  return { ...api, switched };
}

describe('timeline of the current home', () => {
  beforeEach(() => setLocale('zh-CN'));
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("lists the home's photos under its name, and narrows them to the user's own", async () => {
    const api = renderTimeline(home('h1', 'member', '我们家'));
    await waitFor(() => element(`#photo-${theirs.id}`));
    expect(textOf('#home-name')).toBe('我们家');
    expect(api.callsTo('photos.list')[0]).toMatchObject({ homeId: 'h1' });
    expect(element('#open-upload')).toBeTruthy();
    fireEvent.click(element('#only-mine'));
    await waitFor(() => expect(document.querySelector(`#photo-${theirs.id}`)).toBeNull());
    expect(api.callsTo('photos.list').at(-1)).toMatchObject({ homeId: 'h1', onlyMine: true });
    expect(textOf('#only-mine')).toBe('看全家的');
  });

  it('shows a viewer (亲友) no upload and no "only mine", and a plain empty sentence', async () => {
    renderWithApi(<TimelineScreen home={home('h2', 'viewer')} homes={[home('h2', 'viewer')]} switchTo={vi.fn()} />, {
      'auth.me': () => ME,
      'photos.list': () => page([]),
    });
    await waitFor(() => expect(textOf('#timeline-empty')).toContain('家人上传照片后'));
    expect(document.querySelector('#open-upload')).toBeNull();
    expect(document.querySelector('#only-mine')).toBeNull();
    expect(document.querySelector('#timeline-empty button')).toBeNull();
  });

  it('offers delete on long-press only where the role allows it', async () => {
    const sheet = vi.fn(async (_option: { itemList: string[] }) => ({ tapIndex: -1 }));
    Taro.showActionSheet = sheet as unknown as typeof Taro.showActionSheet;
    renderTimeline(home('h1', 'member'));
    await waitFor(() => element(`#photo-${theirs.id}`));
    await waitFor(() => expect(document.querySelector('#only-mine')).toBeTruthy());
    const longPress = (id: string) => fireEvent(element(`#photo-${id}`), new Event('longpress', { bubbles: true }));
    longPress(theirs.id);
    longPress(mine.id);
    await waitFor(() => expect(sheet).toHaveBeenCalledTimes(2));
    expect(sheet.mock.calls.map(([option]) => option.itemList.length)).toEqual([1, 2]);
  });

  it('switches home from the title, listing each home with the role in plain words', async () => {
    const homes = [home('h1', 'owner', '我的家'), home('h2', 'viewer', '外婆家')];
    const sheet = vi.fn(async (_option: { itemList: string[] }) => ({ tapIndex: 1 }));
    Taro.showActionSheet = sheet as unknown as typeof Taro.showActionSheet;
    const api = renderTimeline(homes[0] as Home, homes);
    fireEvent.click(element('#home-switch'));
    await waitFor(() => expect(api.switched).toEqual(['h2']));
    expect(sheet.mock.calls[0]?.[0].itemList).toEqual(['✓ 我的家（主人）', '外婆家（亲友）']);
  });
});
