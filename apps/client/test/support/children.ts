/** For screen tests: children, milestones and growth records as the API answers them. */
import type { Child, GrowthRecord, Milestone, MilestoneKind } from '@xiaojia/shared';
import { id } from './ids';

export const LATER = '2099-01-01T00:00:00.000Z';

export function child(label: string, name: string, birthday: string, sex: Child['sex'] = 'girl'): Child {
  return {
    id: id(label),
    name,
    birthday,
    sex,
    avatarPhotoId: null,
    avatarUrl: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** children.list's answer. */
export const childList = (...items: Child[]) => ({ items, urlsExpireAt: LATER });

export function milestone(
  label: string,
  childId: string,
  date: string,
  kind: MilestoneKind,
  extra: Partial<Milestone> = {},
): Milestone {
  return {
    id: id(label),
    childId,
    kind,
    title: kind === 'custom' ? `custom ${label}` : null,
    date,
    photoId: null,
    thumbUrl: null,
    thumbhash: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function growthRecord(
  label: string,
  childId: string,
  date: string,
  values: Partial<Pick<GrowthRecord, 'heightCm' | 'weightKg' | 'headCm'>>,
): GrowthRecord {
  return {
    id: id(label),
    childId,
    date,
    heightCm: null,
    weightKg: null,
    headCm: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...values,
  };
}
