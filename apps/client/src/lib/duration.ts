/**
 * A video's length as the grid, the upload list and the viewer's info show it: "0:12", "12:05",
 * "1:02:03" (minutes and seconds, hours only when there are some), the same in both languages. Seconds
 * are rounded down, as a player's clock counts them, except that a clip under a second shows "0:01"
 * rather than "0:00". Unknown or nonsense lengths answer null (the caller shows just the play glyph).
 */
export function formatDuration(ms: number | null | undefined): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return null;
  const total = Math.max(1, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
