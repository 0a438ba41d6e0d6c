// Types and small helpers shared by the intensity data modules (no database access here).
export type ReadingKind = "forecast" | "actual";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface StoredReading {
  zone: string;
  start: Date;
  end: Date;
  gCO2PerKWh: number;
  kind: ReadingKind;
  index: string | null;
  source: string;
  fetchedAt: Date;
  supersededAt: Date | null;
}

/** One reading per period start, sorted: the actual where there is one, else the forecast. */
export function preferActual<T extends { start: Date; kind: ReadingKind }>(readings: T[]): T[] {
  const byStart = new Map<number, T>();
  for (const r of readings) {
    const seen = byStart.get(r.start.getTime());
    if (!seen || (seen.kind === "forecast" && r.kind === "actual")) byStart.set(r.start.getTime(), r);
  }
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}
