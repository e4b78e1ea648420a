/** Viewer navigation, kept pure for tests: which photo a swipe or a key leads to. */

export interface Neighbours {
  prevId: string | null;
  nextId: string | null;
}

/** A horizontal move at least this long (px) counts as a swipe. */
export const SWIPE_MIN_DISTANCE = 50;

/**
 * Swiping left (finger moves towards the left) shows the next, older photo; right the previous one.
 * Mostly vertical moves (scrolling the info panel) and short taps are not swipes.
 */
export function swipeTarget(dx: number, dy: number, neighbours: Neighbours): string | null {
  if (Math.abs(dx) < SWIPE_MIN_DISTANCE || Math.abs(dx) < Math.abs(dy) * 1.5) return null;
  return dx < 0 ? neighbours.nextId : neighbours.prevId;
}

/** Arrow keys on H5 with a keyboard. */
export function keyTarget(key: string, neighbours: Neighbours): string | null {
  if (key === 'ArrowRight') return neighbours.nextId;
  if (key === 'ArrowLeft') return neighbours.prevId;
  return null;
}

/**
 * The neighbours of `id` in a list the opener handed over (a "那年今日" year): no wrapping at its ends,
 * and none of the photos `gone` from it since (trashed here, or no longer found).
 */
export function listNeighbours(ids: readonly string[], id: string, gone: readonly string[] = []): Neighbours {
  const left = gone.length > 0 ? ids.filter((listed) => listed === id || !gone.includes(listed)) : ids;
  const i = left.indexOf(id);
  if (i < 0) return { prevId: null, nextId: null };
  return { prevId: left[i - 1] ?? null, nextId: left[i + 1] ?? null };
}

/** A handed list fits a route (a few ids): longer ones are cut, ids that are no ids dropped. */
export const LIST_IDS_MAX = 12;
const ID_RE = /^[0-9a-f-]{36}$/i;

/** The route parameter carrying a list (`ids=a,b,c`), or nothing for none. */
export function listQuery(ids: readonly string[] | undefined): { ids?: string } {
  return ids && ids.length > 0 ? { ids: ids.slice(0, LIST_IDS_MAX).join(',') } : {};
}

/** The list a route parameter carries, or undefined when it carries none. */
export function parseListQuery(value: string | undefined): string[] | undefined {
  const ids = (value ? decodeURIComponent(value) : '').split(',').filter((id) => ID_RE.test(id));
  return ids.length > 0 ? ids.slice(0, LIST_IDS_MAX) : undefined;
}

/** After the shown photo left this list (trashed): its older neighbour, else the newer one, else none. */
export function afterRemoval(neighbours: Neighbours): string | null {
  return neighbours.nextId ?? neighbours.prevId;
}

/** "3.2 MB", "850 KB", "12 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local date and time, "2026-05-01 08:30". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
