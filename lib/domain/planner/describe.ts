import type { TimeGrid, ZoneGrid } from "./intensity-grid";
import type { Placement } from "./placement";
import type { Piece } from "./types";

/** Reasons are read by people in any time zone: say which one. */
export function hhmm(d: Date): string {
  return `${d.toISOString().slice(11, 16)} UTC`;
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
    const since = z.staleSince ? ` since ${z.staleSince.toISOString()}` : "";
    out.push(`forecast for zone ${z.zone} is stale${since}; using the last readings received`);
  }
  if (z.hasGaps) out.push(`forecast for zone ${z.zone} has gaps; filled with the previous value`);
  const end = p ? Math.max(...p.runs.map(([, b]) => b)) : 0;
  if (p && end > z.knownEnd + 1e-9) {
    out.push(`forecast for zone ${z.zone} ends at ${slotTime(grid, z.knownEnd).toISOString()}; last value assumed after`);
  }
  return out;
}
