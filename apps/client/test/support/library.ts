/**
 * For screen tests of the timeline: photos.buckets and photos.list answered over a list of photos as the
 * server answers them, with auth.me for the user whose photos "only mine" keeps.
 */
import type { Me, Photo, PhotoBuckets } from '@xiaojia/shared';
import { id } from './ids';

/** photos.buckets as the server counts them: per day at the asked offset, newest month and day first. */
export function bucketsOf(photos: readonly Photo[], offsetMinutes: number): PhotoBuckets {
  const months = new Map<string, Map<number, number>>();
  for (const p of photos) {
    const local = new Date(Date.parse(p.sortAt) + offsetMinutes * 60_000).toISOString();
    const month = local.slice(0, 7);
    const day = Number(local.slice(8, 10));
    const days = months.get(month) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + 1);
    months.set(month, days);
  }
  return {
    total: photos.length,
    months: [...months]
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([month, days]) => ({
        month,
        count: [...days.values()].reduce((a, b) => a + b, 0),
        days: [...days].sort(([a], [b]) => b - a),
      })),
  };
}

/** photos.list over `all` (newest first) as the server answers it: the range, then pages by index. */
export function listOf(all: () => readonly Photo[], userId: string) {
  return (input: unknown) => {
    const {
      since,
      until,
      onlyMine,
      cursor,
      limit = 60,
    } = input as Record<string, string | number | boolean | undefined>;
    const inRange = all().filter(
      (p) =>
        (!since || p.sortAt >= String(since)) &&
        (!until || p.sortAt < String(until)) &&
        (!onlyMine || p.uploaderId === userId),
    );
    const start = cursor ? Number(cursor) : 0;
    const end = start + Number(limit);
    return {
      items: inRange.slice(start, end),
      nextCursor: end < inRange.length ? String(end) : null,
      urlsExpireAt: '2099-01-01T00:00:00.000Z',
    };
  };
}

export function libraryAnswers(all: () => readonly Photo[], me: Me) {
  return {
    'auth.me': () => me,
    'photos.buckets': (input: unknown) => {
      const { onlyMine, utcOffsetMinutes } = input as { onlyMine?: boolean; utcOffsetMinutes: number };
      return bucketsOf(
        all().filter((p) => !onlyMine || p.uploaderId === me.id),
        utcOffsetMinutes,
      );
    },
    'photos.list': listOf(all, me.id),
  };
}

/** auth.me's answer for a user of the tests (mama, unless named). */
export function me(label = 'u1', username = 'mama', displayName = '妈妈'): Me {
  return {
    id: id(label),
    username,
    displayName,
    hasPassword: true,
    wechatLinked: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}
