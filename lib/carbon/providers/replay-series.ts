import { DAY_MS, WEEK_MS } from "../time";

/**
 * A recorded intensity series replayed as if it were live: it loops with a period of whole
 * weeks (whole days when shorter than a week), so a Tuesday 09:00 now reads a recorded
 * Tuesday 09:00 and daily and weekly rhythms survive the shift.
 */
export interface ReplaySeries {
  name: string;
  firstMs: number;
  stepMs: number;
  periodMs: number;
  /** Value by offset from firstMs. */
  values: Map<number, number>;
}

export interface ReplaySlot {
  start: Date;
  end: Date;
  value: number;
}

const TIME_HEADERS = /^(timestamp|time|datetime|date|from)/i;
const VALUE_HEADER_PREFERENCE = [/^value$/i, /^gco2_per_kwh$/i, /actual/i, /intensity/i, /gco2/i];

export class ReplayFormatError extends Error {}

export function parseReplayCsv(name: string, text: string): ReplaySeries {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((cell) => cell.trim());
  const timeColumn = Math.max(0, header.findIndex((cell) => TIME_HEADERS.test(cell)));
  const valueColumn = pickValueColumn(header, timeColumn);
  const points: { t: number; value: number }[] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    const cells = line.split(",");
    const rawValue = cells[valueColumn]?.trim() ?? "";
    if (rawValue === "") continue;
    const t = parseTimestamp(cells[timeColumn]?.trim() ?? "");
    const value = Number(rawValue);
    if (Number.isNaN(t) || !Number.isFinite(value)) {
      throw new ReplayFormatError(`${name}.csv line ${i + 2}: expected a timestamp and a number`);
    }
    points.push({ t, value });
  }
  if (points.length < 2) throw new ReplayFormatError(`${name}.csv: needs at least two rows with values`);
  points.sort((a, b) => a.t - b.t);
  const firstMs = points[0].t;
  const stepMs = commonStep(points.map((p) => p.t));
  const spanMs = points[points.length - 1].t - firstMs + stepMs;
  const values = new Map(points.map((p) => [p.t - firstMs, p.value]));
  return { name, firstMs, stepMs, periodMs: loopPeriod(spanMs), values };
}

/** Slots of the shifted series overlapping [from, to); holes in the recording stay holes. */
export function replayWindow(series: ReplaySeries, from: Date, to: Date): ReplaySlot[] {
  const { firstMs, stepMs, periodMs } = series;
  const slots: ReplaySlot[] = [];
  let start = firstMs + Math.floor((from.getTime() - firstMs) / stepMs) * stepMs;
  for (; start < to.getTime(); start += stepMs) {
    const offset = mod(start - firstMs, periodMs);
    const value = series.values.get(offset);
    if (value === undefined) continue;
    slots.push({ start: new Date(start), end: new Date(start + stepMs), value });
  }
  return slots;
}

function pickValueColumn(header: string[], timeColumn: number): number {
  for (const pattern of VALUE_HEADER_PREFERENCE) {
    const index = header.findIndex((cell, i) => i !== timeColumn && pattern.test(cell));
    if (index >= 0) return index;
  }
  return timeColumn === 0 ? 1 : 0;
}

/** Naive timestamps are read as UTC (the shipped and shared series are UTC or UTC-like). */
function parseTimestamp(raw: string): number {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? raw : `${raw}Z`;
  return Date.parse(zoned);
}

/** The most frequent gap: robust to the odd missing row. */
function commonStep(times: number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i += 1) {
    const gap = times[i] - times[i - 1];
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) [best, bestCount] = [gap, count];
  }
  return best;
}

function loopPeriod(spanMs: number): number {
  if (spanMs >= WEEK_MS) return Math.floor(spanMs / WEEK_MS) * WEEK_MS;
  if (spanMs >= DAY_MS) return Math.floor(spanMs / DAY_MS) * DAY_MS;
  return spanMs;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
