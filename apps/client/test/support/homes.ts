/** For tests: a home as homes.list answers it, and a fresh device (nothing remembered). */
import type { Home } from '@xiaojia/shared';
import { currentHomeStore } from '../../src/home/current-home';

export function home(id: string, role: Home['role'] = 'owner', name = `家 ${id}`): Home {
  return {
    id,
    name,
    role,
    ownerName: '妈妈',
    memberCount: 3,
    membersCanInvite: false,
    createdAt: '2026-05-01T08:00:00.000Z',
  };
}

/** homes.list's answer for these homes. */
export const homeList = (...homes: Home[]) => ({ items: homes });

/** Forgets the device's current home (call before each test that renders a home's screen). */
export function forgetCurrentHome(): Promise<void> {
  return currentHomeStore.set(null);
}
