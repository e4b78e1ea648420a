/** A moment as the admin picks it (a local day from DateField and a "HH:MM" from the time wheel) and back. */
const two = (n: number) => String(n).padStart(2, '0');

export interface LocalMoment {
  day: string | null;
  time: string;
}

/** The ISO instant of a local day and time, or null until a day is chosen. */
export function momentToIso({ day, time }: LocalMoment): string | null {
  if (!day) return null;
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const date = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToMoment(iso: string): LocalMoment {
  const date = new Date(iso);
  return {
    day: `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`,
    time: `${two(date.getHours())}:${two(date.getMinutes())}`,
  };
}
