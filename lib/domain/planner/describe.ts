import type { TimeGrid, ZoneGrid } from "./intensity-grid";
import type { Placement } from "./placement";
import type { Piece } from "./types";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A time for a reason: "02:30 UTC" on the UTC day of `nowMs`, else "Tue 24 Nov 02:30 UTC".
 * Reasons are read by people in any time zone and later than they were written, so the
 * zone is named and the day is absolute ("tomorrow" would go stale). Fixed English names
 * rather than Intl, so the text does not depend on the locale.
 */
export function utcWhen(d: Date, nowMs: number): string {
  const time = `${d.toISOString().slice(11, 16)} UTC`;
  if (d.toISOString().slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10)) return time;
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${time}`;
}

/** The start of slot `x` as a reason's time (see utcWhen). */
export function slotWhen(grid: TimeGrid, x: number): string {
  return utcWhen(slotTime(grid, x), grid.nowMs);
}

export function round(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : "?";
}

/** Mean forecast intensity of a placement in g/kWh. */
export function meanIntensity(grid: TimeGrid, p: Placement): number {
  const slots = p.runs.reduce((sum, [a, b]) => sum + b - a, 0);
  const hours = (slots * grid.stepMs) / 3_600_000;
  return p.costG / (p.candidate.kw * hours);
}

export function toPieces(grid: TimeGrid, p: Placement): Piece[] {
  return p.runs.map(([a, b]) => ({ start: slotTime(grid, a), end: slotTime(grid, b) }));
}

export function slotTime(grid: TimeGrid, x: number): Date {
  return new Date(Math.round(grid.t0 + x * grid.stepMs));
}

/** Warnings about the data behind one zone, for the zones a decision actually used or skipped. */
export function zoneWarnings(grid: TimeGrid, z: ZoneGrid, p?: Placement): string[] {
  if (z.status === "missing") return [`no forecast for zone ${z.zone}`];
  const out: string[] = [];
  if (z.status === "stale") {
    const since = z.staleSince ? ` since ${utcWhen(z.staleSince, grid.nowMs)}` : "";
    out.push(`forecast for zone ${z.zone} is stale${since}; using the last readings received`);
  }
  if (z.hasGaps) out.push(`forecast for zone ${z.zone} has gaps; filled with the previous value`);
  const end = p ? Math.max(...p.runs.map(([, b]) => b)) : 0;
  if (p && end > z.knownEnd + 1e-9) {
    out.push(`forecast for zone ${z.zone} ends at ${slotWhen(grid, z.knownEnd)}; last value assumed after`);
  }
  return out;
}
