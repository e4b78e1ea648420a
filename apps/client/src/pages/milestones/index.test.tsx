import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import type { Home, Milestone } from '@xiaojia/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { child, childList, milestone } from '../../../test/support/children';
import { forgetCurrentHome, home, homeList } from '../../../test/support/homes';
import { id } from '../../../test/support/ids';
import { type Answer, appError, element, pagedAnswer, renderWithApi, textOf } from '../../../test/support/screen';
import { setLocale } from '../../i18n';
import { MilestonesScreen } from './MilestonesScreen';

const baby = child('c1', '宝宝', '2025-01-31');
const smile = milestone('m1', baby.id, '2025-03-15', 'first_smile', {
  photoId: id('p1'),
  thumbUrl: 'https://img.example.com/p1.webp',
});
const steps = milestone('m2', baby.id, '2026-02-10', 'first_steps');
const sea = milestone('m3', baby.id, '2026-07-01', 'custom', { title: '第一次去海边' });

function renderMilestones(role: Home['role'], extra: Record<string, Answer> = {}, childId = baby.id) {
  let items: Milestone[] = [smile, steps, sea];
  const opened: string[] = [];
  const api = renderWithApi(<MilestonesScreen childId={childId} onOpenPhoto={(m) => opened.push(m.photoId ?? '')} />, {
    'homes.list': () => homeList(home(id('h1'), role)),
    'children.list': () => childList(baby),
    'milestones.list': (input) => ({
      ...(pagedAnswer(() => items)(input) as object),
      urlsExpireAt: '2099-01-01T00:00:00.000Z',
    }),
    'milestones.delete': (input) => {
      items = items.filter((m) => m.id !== (input as { milestoneId: string }).milestoneId);
      return { count: 1 };
    },
    ...extra,
  });
  return { ...api, opened };
}

describe('milestones screen', () => {
  beforeEach(async () => {
    setLocale('zh-CN');
    await forgetCurrentHome();
  });
  afterEach(cleanup);

  it("lists the child's milestones in date order with the age that day, and opens a photo", async () => {
    const screen = renderMilestones('member');
    await waitFor(() => element('#milestones-list'));
    expect(textOf('#milestones-title')).toBe('宝宝 的里程碑');
    const rows = [...document.querySelectorAll('.milestones__row')].map((row) => row.id);
    expect(rows).toEqual([`milestone-${smile.id}`, `milestone-${steps.id}`, `milestone-${sea.id}`]);
    expect(textOf(`#milestone-${smile.id}`)).toContain('第一次笑');
    expect(textOf(`#milestone-at-${smile.id}`)).toBe('2025-03-15 · 1个月15天');
    expect(textOf(`#milestone-at-${steps.id}`)).toBe('2026-02-10 · 1岁');
    expect(textOf(`#milestone-${sea.id}`)).toContain('第一次去海边');
    expect(screen.callsTo('milestones.list')[0]).toMatchObject({ homeId: id('h1'), childId: baby.id });
    fireEvent.click(element(`#milestone-${smile.id} .milestones__thumb`));
    fireEvent.click(element(`#milestone-${steps.id} .milestones__thumb`));
    expect(screen.opened).toEqual([id('p1')]);
  });

  it('lets a member delete one, and says when that is refused', async () => {
    const screen = renderMilestones('member');
    fireEvent.click(await waitFor(() => element(`#milestone-delete-${steps.id}`)));
    await waitFor(() => expect(document.querySelector(`#milestone-${steps.id}`)).toBeNull());
    expect(textOf('#milestones-notice')).toBe('已删除里程碑');
    expect(screen.callsTo('milestones.delete')).toEqual([{ homeId: id('h1'), milestoneId: steps.id }]);
    cleanup();
    renderMilestones('member', {
      'milestones.delete': () => {
        throw appError('FORBIDDEN');
      },
    });
    fireEvent.click(await waitFor(() => element(`#milestone-delete-${smile.id}`)));
    await waitFor(() => expect(textOf('#milestones-notice')).toContain('没有成功'));
  });

  it('shows a viewer (亲友) the milestones read-only, in English too', async () => {
    setLocale('en');
    renderMilestones('viewer');
    await waitFor(() => element('#milestones-list'));
    expect(textOf('#milestones-title')).toBe("宝宝's milestones");
    expect(textOf(`#milestone-at-${smile.id}`)).toBe('2025-03-15 · 1 month 15 days');
    expect(document.querySelector(`#milestone-delete-${smile.id}`)).toBeNull();
  });

  it('says so for a child that is not in this home, an empty list, and a failure', async () => {
    renderMilestones('member', {}, id('other'));
    await waitFor(() => expect(textOf('#child-gone')).toBe('找不到了，可能已被删除'));
    cleanup();
    renderMilestones('member', {
      'milestones.list': () => ({ items: [], nextCursor: null, urlsExpireAt: '2099-01-01T00:00:00.000Z' }),
    });
    await waitFor(() => expect(textOf('#milestones-empty')).toContain('还没有里程碑'));
    cleanup();
    renderMilestones('member', {
      'milestones.list': () => {
        throw appError('INTERNAL');
      },
    });
    await waitFor(() => expect(textOf('#milestones-state')).toContain('读取失败'));
  });
});
