// Chart-ready series for the intensity page, computed here so the JSX only draws.
// Pure: readings in (ISO strings, as the API sends them), plain numbers out.

export interface SeriesReading {
  start: string;
  end: string;
  gCO2PerKWh: number;
  kind: "forecast" | "actual";
}

/** x is epoch milliseconds; a value sits in `actual` or `forecast` by what the reading is. */
export type ChartPoint = { t: number; actual: number | null; forecast: number | null };

/**
 * Step points at each period start, plus one at the last period's end so the final step is
 * drawn. Where the kind changes, the new series also gets the previous value at the boundary
 * so the two lines meet instead of leaving a gap.
 */
export function chartPoints(readings: SeriesReading[]): ChartPoint[] {
  const sorted = [...readings].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const points: ChartPoint[] = [];
  let previous: SeriesReading | undefined;
  for (const r of sorted) {
    const point: ChartPoint = { t: Date.parse(r.start), actual: null, forecast: null };
    point[r.kind] = r.gCO2PerKWh;
    if (previous && previous.kind !== r.kind && Date.parse(previous.end) === point.t) point[previous.kind] = previous.gCO2PerKWh;
    points.push(point);
    previous = r;
  }
  if (previous) {
    const last: ChartPoint = { t: Date.parse(previous.end), actual: null, forecast: null };
    last[previous.kind] = previous.gCO2PerKWh;
    points.push(last);
  }
  return points;
}

export type ValueDomain = [number, number];

/** A y-axis domain from 0 to a round number above the highest value (at least 50). */
export function valueDomain(...series: { gCO2PerKWh: number }[][]): ValueDomain {
  const max = Math.max(0, ...series.flat().map((r) => r.gCO2PerKWh));
  const step = max > 500 ? 100 : 50;
  return [0, Math.max(50, Math.ceil(max / step) * step)];
}

export type WindowArea = { x1: number; x2: number; mean: number };

export function windowAreas(windows: { start: string; end: string; meanGCO2PerKWh: number }[]): WindowArea[] {
  return windows.map((w) => ({ x1: Date.parse(w.start), x2: Date.parse(w.end), mean: Math.round(w.meanGCO2PerKWh) }));
}

export type FuelShare = { fuel: string; percent: number };

/** Fuels with a share, largest first, percentages to one decimal. */
export function mixShares(fuels: FuelShare[]): FuelShare[] {
  return fuels
    .filter((f) => f.percent > 0)
    .map((f) => ({ fuel: f.fuel, percent: Math.round(f.percent * 10) / 10 }))
    .sort((a, b) => b.percent - a.percent || a.fuel.localeCompare(b.fuel));
}

/**
 * Axis ticks every `stepHours` between two instants, on whole local hours: `offsetMinutes` is
 * the viewer's `Date#getTimezoneOffset()` (minutes behind UTC), so 6-hour ticks fall on 00, 06, 12, 18 local.
 */
export function timeTicks(fromMs: number, toMs: number, stepHours: number, offsetMinutes = 0): number[] {
  const step = stepHours * 3_600_000;
  const shift = -offsetMinutes * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((fromMs + shift) / step) * step - shift; t <= toMs; t += step) ticks.push(t);
  return ticks;
}
