/**
 * Choosing a home from an action sheet, which holds at most six items on WeChat: more homes than that go
 * five to a page with "More…" as the sixth item, the last page wrapping round to the first.
 */
import type { Home } from '@xiaojia/shared';
import type { Translate } from '../i18n';

export const SHEET_MAX_ITEMS = 6;

export interface SheetPage {
  labels: string[];
  /** The home of each label; null for "More…". */
  ids: (string | null)[];
}

/** One page of the sheet: "外婆的家（亲友）", the current home marked. */
export function sheetPage(homes: readonly Home[], page: number, currentId: string | undefined, t: Translate) {
  const label = (home: Home) =>
    `${home.id === currentId ? '✓ ' : ''}${t('homes.item', { name: home.name, role: t(`homes.role.${home.role}`) })}`;
  if (homes.length <= SHEET_MAX_ITEMS) return { labels: homes.map(label), ids: homes.map((home) => home.id) };
  const perPage = SHEET_MAX_ITEMS - 1;
  const start = (page % Math.ceil(homes.length / perPage)) * perPage;
  const shown = homes.slice(start, start + perPage);
  return {
    labels: [...shown.map(label), t('homes.more')],
    ids: [...shown.map((home) => home.id), null],
  } satisfies SheetPage;
}

/** Asks which home; answers its id, or null when the user closed the sheet. */
export async function chooseHome(
  homes: readonly Home[],
  currentId: string | undefined,
  t: Translate,
  showActionSheet: (option: { itemList: string[] }) => Promise<{ tapIndex: number }>,
): Promise<string | null> {
  for (let page = 0; ; page += 1) {
    const { labels, ids } = sheetPage(homes, page, currentId, t);
    let tapIndex: number;
    try {
      ({ tapIndex } = await showActionSheet({ itemList: labels }));
    } catch {
      return null;
    }
    const id = ids[tapIndex];
    if (id === undefined) return null;
    if (id !== null) return id;
  }
}
