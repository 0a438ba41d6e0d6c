import type { IntensityReading, ZoneForecast } from "./types";

/** The planning clock: slot k covers [t0 + k·step, t0 + (k+1)·step); `now` sits at fraction `offset0` of slot 0. */
export type TimeGrid = { t0: number; stepMs: number; slots: number; offset0: number; nowMs: number };

export type ZoneStatus = "ok" | "stale" | "missing";

/**
 * Slot means of one zone over the grid, with prefix sums for O(1) integrals.
 * Slots with no reading are filled by persistence (last known value carried forward, the first
 * one carried back) and counted in `knownEnd`: beyond it every start costs the same, so the
 * search never needs to look past it for carbon, only for capacity.
 */
export type ZoneGrid = {
  zone: string;
  status: ZoneStatus;
  values: Float64Array;
  indexes: (string | undefined)[];
  prefix: Float64Array;
  /** First slot after the last one covered by a reading. */
  knownEnd: number;
  hasGaps: boolean;
  staleSince?: Date;
  /** Forecasts were shrunk toward the zone's prior: figures are expectations, not the forecast as published. */
  adjusted: boolean;
};

export function makeTimeGrid(nowMs: number, stepMinutes: number, horizonMs: number): TimeGrid {
  const stepMs = stepMinutes * 60_000;
  const t0 = Math.floor(nowMs / stepMs) * stepMs;
  const slots = Math.max(1, Math.ceil((horizonMs - t0) / stepMs));
  return { t0, stepMs, slots, offset0: (nowMs - t0) / stepMs, nowMs };
}

export function buildZoneGrid(grid: TimeGrid, forecast: ZoneForecast | undefined, zone: string, adjusted = false): ZoneGrid {
  const n = grid.slots;
  const sums = new Float64Array(n);
  const weights = new Float64Array(n);
  const indexes: (string | undefined)[] = new Array(n).fill(undefined);
  const readings = forecast ? preferActuals(forecast.readings) : [];
  for (const r of readings) accumulate(grid, r, sums, weights, indexes);

  const values = new Float64Array(n);
  let knownEnd = 0;
  let firstKnown = -1;
  let hasGaps = false;
  for (let k = 0; k < n; k++) {
    if (weights[k] > 0) {
      values[k] = sums[k] / weights[k];
      if (firstKnown < 0) firstKnown = k;
      else if (k > knownEnd) hasGaps = true;
      knownEnd = k + 1;
    }
  }
  const status: ZoneStatus = firstKnown < 0 ? "missing" : forecast?.stale ? "stale" : "ok";
  if (firstKnown >= 0) fillByPersistence(values, weights, firstKnown);
  const prefix = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k] + values[k];
  return { zone, status, values, indexes, prefix, knownEnd, hasGaps, staleSince: forecast?.staleSince, adjusted };
}

/** Where a forecast and an actual cover the same period, the actual wins. */
function preferActuals(readings: IntensityReading[]): IntensityReading[] {
  const actuals = readings.filter((r) => r.kind === "actual");
  if (actuals.length === 0) return readings;
  const actualStarts = new Set(actuals.map((r) => r.start.getTime()));
  return readings.filter((r) => r.kind === "actual" || !actualStarts.has(r.start.getTime()));
}

function accumulate(
  grid: TimeGrid,
  r: IntensityReading,
  sums: Float64Array,
  weights: Float64Array,
  indexes: (string | undefined)[],
): void {
  const a = Math.max(r.start.getTime(), grid.t0);
  const b = Math.min(r.end.getTime(), grid.t0 + grid.slots * grid.stepMs);
  if (!(b > a) || !Number.isFinite(r.gCO2PerKWh)) return;
  const first = Math.floor((a - grid.t0) / grid.stepMs);
  const last = Math.ceil((b - grid.t0) / grid.stepMs);
  for (let k = first; k < last; k++) {
    const s = grid.t0 + k * grid.stepMs;
    const w = Math.min(b, s + grid.stepMs) - Math.max(a, s);
    if (w <= 0) continue;
    sums[k] += w * r.gCO2PerKWh;
    weights[k] += w;
    if (r.index !== undefined) indexes[k] = r.index.toLowerCase();
  }
}

function fillByPersistence(values: Float64Array, weights: Float64Array, firstKnown: number): void {
  for (let k = 0; k < firstKnown; k++) values[k] = values[firstKnown];
  for (let k = firstKnown + 1; k < values.length; k++) if (weights[k] === 0) values[k] = values[k - 1];
}

/** ∫ intensity dx over [x, y] in slot units (g/kWh × slots). */
export function integrate(z: ZoneGrid, x: number, y: number): number {
  return cumulative(z, y) - cumulative(z, x);
}

function cumulative(z: ZoneGrid, x: number): number {
  const n = z.values.length;
  if (x >= n) return z.prefix[n] + (x - n) * z.values[n - 1];
  const k = Math.floor(x);
  return z.prefix[k] + (x - k) * z.values[k];
}
