/**
 * Multi-select over a list of photos: which ids are chosen, kept in list order, and pruned when the list
 * changes (a restored or removed photo leaves the list and must leave the selection too, or the next
 * batch would act on it again).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';

export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The selection without ids that are no longer listed; the same object when nothing was dropped. */
export function retained(selected: ReadonlySet<string>, listed: readonly string[]): ReadonlySet<string> {
  const present = new Set(listed);
  for (const id of selected) {
    if (!present.has(id)) return new Set([...selected].filter((kept) => present.has(kept)));
  }
  return selected;
}

/** The chosen ids in the order the list shows them (batches then act in a predictable order). */
export function inListOrder(selected: ReadonlySet<string>, listed: readonly string[]): string[] {
  return listed.filter((id) => selected.has(id));
}

export interface Selection {
  /** Select mode is on (the grid shows check marks, taps choose instead of open). */
  active: boolean;
  selected: ReadonlySet<string>;
  /** Chosen ids in list order. */
  ids: string[];
  start(firstId?: string): void;
  toggle(id: string): void;
  /** Takes the grid's new choice as it is (PhotoGrid's onSelectionChange). */
  replace(ids: readonly string[]): void;
  selectAll(): void;
  /** Leaves select mode and forgets the choice. */
  end(): void;
}

export function useSelection(listed: readonly string[]): Selection {
  const [active, setActive] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());

  useEffect(() => {
    setSelected((current) => retained(current, listed));
  }, [listed]);

  const start = useCallback((firstId?: string) => {
    setActive(true);
    setSelected(firstId ? new Set([firstId]) : new Set());
  }, []);
  const toggle = useCallback((id: string) => setSelected((current) => toggled(current, id)), []);
  const replace = useCallback((ids: readonly string[]) => setSelected(new Set(ids)), []);
  const selectAll = useCallback(() => setSelected(new Set(listed)), [listed]);
  const end = useCallback(() => {
    setActive(false);
    setSelected(new Set());
  }, []);
  const ids = useMemo(() => inListOrder(selected, listed), [selected, listed]);

  return { active, selected, ids, start, toggle, replace, selectAll, end };
}
