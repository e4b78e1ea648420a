/** The tags searched lately on 发现 (a chip row), newest first, kept on the device and bounded. */
import { normalizeTag } from '@xiaojia/shared';
import type { TaroStorage } from '../api/token-store';

export const RECENT_TAGS_MAX = 8;
const KEY = 'xiaojia.discover.recentTags';

/** `tags` with `tag` first, once, at most RECENT_TAGS_MAX. */
export function withRecentTag(tags: readonly string[], tag: string): string[] {
  const normalized = normalizeTag(tag);
  if (!normalized) return [...tags];
  return [normalized, ...tags.filter((t) => t !== normalized)].slice(0, RECENT_TAGS_MAX);
}

/** What was stored, or nothing for a missing or malformed record. */
export async function loadRecentTags(storage: TaroStorage): Promise<string[]> {
  try {
    const { data } = await storage.getStorage({ key: KEY });
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : null;
    return Array.isArray(parsed)
      ? parsed.filter((t): t is string => typeof t === 'string').slice(0, RECENT_TAGS_MAX)
      : [];
  } catch {
    return [];
  }
}

/** Puts `tag` first in the stored list; a full or unavailable storage only loses the chips. */
export async function rememberTag(storage: TaroStorage, tag: string): Promise<string[]> {
  const tags = withRecentTag(await loadRecentTags(storage), tag);
  await storage.setStorage({ key: KEY, data: JSON.stringify(tags) }).catch(() => undefined);
  return tags;
}
