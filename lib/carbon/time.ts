export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function floorTo(date: Date, stepMs: number): Date {
  return new Date(Math.floor(date.getTime() / stepMs) * stepMs);
}

/** [from, to) split into consecutive pieces no longer than maxMs. */
export function chunkRange(from: Date, to: Date, maxMs: number): { from: Date; to: Date }[] {
  const chunks: { from: Date; to: Date }[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += maxMs) {
    chunks.push({ from: new Date(start), to: new Date(Math.min(start + maxMs, to.getTime())) });
  }
  return chunks;
}

export function overlaps(start: Date, end: Date, from: Date, to: Date): boolean {
  return start.getTime() < to.getTime() && end.getTime() > from.getTime();
}

export function contains(start: Date, end: Date, at: Date): boolean {
  return start.getTime() <= at.getTime() && at.getTime() < end.getTime();
}

/** Sorted by start, one reading per start (later chunks win, as they are fresher). */
export function dedupeByStart<T extends { start: Date }>(items: T[]): T[] {
  const byStart = new Map<number, T>();
  for (const item of items) byStart.set(item.start.getTime(), item);
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** ISO 8601 instant from a provider payload (`…Z` or `…+00:00`). */
export function isIsoInstant(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}
