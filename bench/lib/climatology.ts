import type { Series } from "./series";

/**
 * Per-slot prior for the planner, from past data only: time-of-day mean, the sd of actuals around it,
 * and how much of the current anomaly persists per half hour.
 */
export type Climatology = { mean: Float64Array; sd: Float64Array; persistence: Float64Array };

const DAY = 48;
/** Days 3-30 before: a 48 h forecast issued at any tick never looks at an actual after the tick. */
const FROM_DAY = 3;
const TO_DAY = 30;
const RESIDUAL_WINDOW = 28 * DAY;

/**
 * What a scheduler can know from recent history before it sees a forecast: the mean of the same half
 * hour over days 3-30 before, and the root-mean-square of (actual − that mean) over the 28 days
 * ending 3 days before. NaN (no prior: forecasts used as given) until enough history exists.
 */
export function climatology(s: Series): Climatology {
  const n = s.values.length;
  const mean = new Float64Array(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    let count = 0;
    for (let d = FROM_DAY; d <= TO_DAY; d++) {
      const u = t - DAY * d;
      if (u < 0) break;
      sum += s.values[u];
      count++;
    }
    if (count >= 7) mean[t] = sum / count;
  }
  const sq = new Float64Array(n + 1);
  const has = new Float64Array(n + 1);
  for (let u = 0; u < n; u++) {
    const ok = Number.isFinite(mean[u]);
    sq[u + 1] = sq[u] + (ok ? (s.values[u] - mean[u]) ** 2 : 0);
    has[u + 1] = has[u] + (ok ? 1 : 0);
  }
  const sd = new Float64Array(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    const to = t - FROM_DAY * DAY;
    const from = Math.max(0, to - RESIDUAL_WINDOW);
    if (to <= 0) continue;
    const count = has[to] - has[from];
    if (count >= 7 * DAY) sd[t] = Math.sqrt((sq[to] - sq[from]) / count);
  }
  return { mean, sd, persistence: persistence(s, mean) };
}

/** Lag (half hours) at which the anomaly's autocorrelation is measured: the horizon that matters is hours, not minutes. */
const LAG = 24;

/**
 * Per-half-hour persistence a of the anomaly (actual − climatology), fitted as an AR(1) to its
 * autocorrelation at 12 h over the same trailing window: a = r(12 h)^(1/24). One value per day.
 */
function persistence(s: Series, mean: Float64Array): Float64Array {
  const n = s.values.length;
  const out = new Float64Array(n).fill(NaN);
  for (let day = 0; day * DAY < n; day++) {
    const to = day * DAY - FROM_DAY * DAY;
    const from = Math.max(0, to - RESIDUAL_WINDOW);
    let cross = 0;
    let square = 0;
    let count = 0;
    for (let u = from; u + LAG < to; u++) {
      if (!Number.isFinite(mean[u]) || !Number.isFinite(mean[u + LAG])) continue;
      const x = s.values[u] - mean[u];
      cross += x * (s.values[u + LAG] - mean[u + LAG]);
      square += x * x;
      count++;
    }
    if (count < 7 * DAY || !(square > 0)) continue;
    const r = Math.min(0.99, Math.max(0.01, cross / square));
    out.fill(r ** (1 / LAG), day * DAY, Math.min(n, (day + 1) * DAY));
  }
  return out;
}

/**
 * The prior for slots [t, end) as seen at tick t: climatology plus the anomaly now (the forecast for
 * the current half hour minus its climatology) decaying by the persistence per half hour; its sd is
 * what the decay leaves unexplained. Undefined entries where history is missing.
 */
export function priorAt(c: Climatology, t: number, end: number, nowcast: number): ({ mean: number; sd: number } | undefined)[] {
  const a = c.persistence[t];
  const anomaly = nowcast - c.mean[t];
  const out: ({ mean: number; sd: number } | undefined)[] = [];
  for (let k = t; k < end; k++) {
    if (!Number.isFinite(c.mean[k]) || !Number.isFinite(c.sd[k]) || !Number.isFinite(a) || !Number.isFinite(anomaly)) {
      out.push(undefined);
      continue;
    }
    const w = a ** (k - t);
    out.push({ mean: c.mean[k] + w * anomaly, sd: c.sd[k] * Math.sqrt(1 - w * w) });
  }
  return out;
}
