/**
 * "那年今日", kept pure: what the card says for memories.today's answer, and the device's memory of the day
 * the card was hidden (per home: hiding it in one home leaves the others' card alone). The card comes
 * back the next day.
 */
import type { Memories } from '@xiaojia/shared';
import type { TaroStorage } from '../../api/token-store';
import type { Translate } from '../../i18n';

/** The card shows the most recent years only, so its height stays small above the grid. */
export const MEMORY_YEARS_SHOWN = 3;
/** Thumbnails in a year's row (memories.today answers up to 6). */
export const MEMORY_THUMBS_SHOWN = 4;

export function occasionText(occasion: Memories['occasions'][number], t: Translate): string {
  const name = occasion.childName;
  if (occasion.kind === 'days') return t('memories.days', { name });
  if (occasion.kind === 'years') return t('memories.years', { name, years: occasion.value });
  return t('memories.months', { name, months: occasion.value });
}

export function yearText(year: Memories['years'][number], t: Translate): string {
  return t('memories.yearsAgo', { years: year.yearsAgo, count: year.count });
}

export function hasMemories(memories: Memories | undefined): memories is Memories {
  return !!memories && (memories.years.length > 0 || memories.occasions.length > 0);
}

const hiddenKey = (homeId: string) => `xiaojia.memories.hiddenOn.${homeId}`;

/** The day (YYYY-MM-DD) the card was last hidden in this home, or null (storage failing reads as never). */
export async function hiddenOn(storage: TaroStorage, homeId: string): Promise<string | null> {
  try {
    const { data } = await storage.getStorage({ key: hiddenKey(homeId) });
    return typeof data === 'string' ? data : null;
  } catch {
    return null;
  }
}

export async function hideFor(storage: TaroStorage, homeId: string, day: string): Promise<void> {
  try {
    await storage.setStorage({ key: hiddenKey(homeId), data: day });
  } catch {
    // Not remembered: the card comes back on the next visit, which is harmless.
  }
}
