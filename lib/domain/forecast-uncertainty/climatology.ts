// What a scheduler can know about the coming hours from past actuals alone, before it sees a
// forecast: the prior that noisy forecasts are shrunk toward. Pure, on a regular half-hour array
// (NaN where no actual is known), so the savings benchmark and the worker share one definition.

/** Per-slot time-of-day mean, the sd of actuals around it, and how much of today's anomaly persists per half hour. */
export type Climatology = { mean: Float64Array; sd: Float64Array; persistence: Float64Array };

export const SLOTS_PER_DAY = 48;
/** Days 3-30 before: a 48 h forecast issued at any slot never leans on an actual after it. */
const FROM_DAY = 3;
const TO_DAY = 30;
const RESIDUAL_DAYS = 28;
const MIN_DAYS = 7;
/** Lag (half hours) at which the anomaly's autocorrelation is measured: the horizon that matters is hours, not minutes. */
const PERSISTENCE_LAG = 24;

/** How far back actuals are read for a prior at some slot: the residual window plus the means behind it. */
export const HISTORY_DAYS = FROM_DAY + RESIDUAL_DAYS + TO_DAY + 1;

const DAY = SLOTS_PER_DAY;

/**
 * The climatology of every slot of `values` (index 0 must start a day): the mean of the same half
 * hour over days 3-30 before (at least 7 known), the root-mean-square of (actual − that mean) over
 * the 28 days ending 3 days before, and the anomaly's persistence. NaN where history is too short.
 */
export function climatology(values: ArrayLike<number>): Climatology {
  const n = values.length;
  const mean = new Float64Array(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    let count = 0;
    for (let d = FROM_DAY; d <= TO_DAY; d++) {
      const u = t - DAY * d;
      if (u < 0) break;
      if (!Number.isFinite(values[u])) continue;
      sum += values[u];
      count++;
    }
    if (count >= MIN_DAYS) mean[t] = sum / count;
  }
  const sq = new Float64Array(n + 1);
  const has = new Float64Array(n + 1);
  for (let u = 0; u < n; u++) {
    const ok = Number.isFinite(mean[u]) && Number.isFinite(values[u]);
    sq[u + 1] = sq[u] + (ok ? (values[u] - mean[u]) ** 2 : 0);
    has[u + 1] = has[u] + (ok ? 1 : 0);
  }
  const sd = new Float64Array(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    const to = t - FROM_DAY * DAY;
    const from = Math.max(0, to - RESIDUAL_DAYS * DAY);
    if (to <= 0) continue;
    const count = has[to] - has[from];
    if (count >= MIN_DAYS * DAY) sd[t] = Math.sqrt((sq[to] - sq[from]) / count);
  }
  return { mean, sd, persistence: persistence(values, mean) };
}

/**
 * Per-half-hour persistence a of the anomaly (actual − climatology), fitted as an AR(1) to its
 * autocorrelation at 12 h over the same trailing window: a = r(12 h)^(1/24). One value per day.
 */
function persistence(values: ArrayLike<number>, mean: Float64Array): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  const anomaly = (u: number) => values[u] - mean[u];
  for (let day = 0; day * DAY < n; day++) {
    const to = day * DAY - FROM_DAY * DAY;
    const from = Math.max(0, to - RESIDUAL_DAYS * DAY);
    let cross = 0;
    let square = 0;
    let count = 0;
    for (let u = from; u + PERSISTENCE_LAG < to; u++) {
      const x = anomaly(u);
      const y = anomaly(u + PERSISTENCE_LAG);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      cross += x * y;
      square += x * x;
      count++;
    }
    if (count < MIN_DAYS * DAY || !(square > 0)) continue;
    const r = Math.min(0.99, Math.max(0.01, cross / square));
    out.fill(r ** (1 / PERSISTENCE_LAG), day * DAY, Math.min(n, (day + 1) * DAY));
  }
  return out;
}

/** Lags of the anomaly's autocorrelation a prior needs: a 48 h horizon read from an anchor up to 4 half hours back. */
export const AUTOCORRELATION_LAGS = 2 * SLOTS_PER_DAY + 8;

/**
 * The anomaly's autocorrelation r(0 … lags − 1) per half hour of lag, over the window the
 * persistence of `slot`'s day is fitted on (the 28 days ending 3 days before): Σ x_u·x_(u+d) / Σ x_u²
 * with unknown anomalies as 0. This biased estimator keeps the prior covariance it makes positive
 * semi-definite. It sees what an AR(1) fitted at 12 h cannot: an anomaly that fades within hours
 * yet comes back the next day (a daily shape that differs from the climatology's). Undefined with
 * less than a week of anomalies.
 */
export function anomalyAutocorrelation(values: ArrayLike<number>, mean: ArrayLike<number>, slot: number, lags = AUTOCORRELATION_LAGS): Float64Array | undefined {
  const day = Math.floor(slot / DAY);
  const to = Math.min(values.length, day * DAY - FROM_DAY * DAY);
  const from = Math.max(0, to - RESIDUAL_DAYS * DAY);
  if (to - from < MIN_DAYS * DAY) return undefined;
  const x = new Float64Array(to - from);
  let known = 0;
  for (let u = from; u < to; u++) {
    const v = values[u] - mean[u];
    if (!Number.isFinite(v)) continue;
    x[u - from] = v;
    known++;
  }
  if (known < MIN_DAYS * DAY) return undefined;
  const r = new Float64Array(lags);
  for (let d = 0; d < lags; d++) {
    let sum = 0;
    for (let u = 0; u + d < x.length; u++) sum += x[u] * x[u + d];
    r[d] = sum;
  }
  if (!(r[0] > 0)) return undefined;
  for (let d = lags - 1; d >= 0; d--) r[d] /= r[0];
  return r;
}

/** `sd` once today's anomaly is known; `climatologySd` before (the joint posterior needs both). */
export type PriorValue = { mean: number; sd: number; climatologySd: number };

/**
 * The prior for slots [t, end) as seen at slot t: climatology plus the anomaly now (`nowcast`, the
 * best value for half hour t, minus its climatology) decaying by the autocorrelation `acf` when
 * given (else by the persistence per half hour); its sd is what the decay leaves unexplained.
 * Undefined entries where history is missing.
 */
export function priorAt(c: Climatology, t: number, end: number, nowcast: number, acf?: ArrayLike<number>): (PriorValue | undefined)[] {
  const a = c.persistence[t];
  const anomaly = nowcast - c.mean[t];
  const out: (PriorValue | undefined)[] = [];
  for (let k = t; k < end; k++) {
    if (!Number.isFinite(c.mean[k]) || !Number.isFinite(c.sd[k]) || !Number.isFinite(a) || !Number.isFinite(anomaly)) {
      out.push(undefined);
      continue;
    }
    const w = acf && k - t < acf.length ? acf[k - t] : a ** (k - t);
    out.push({ mean: c.mean[k] + w * anomaly, sd: c.sd[k] * Math.sqrt(1 - w * w), climatologySd: c.sd[k] });
  }
  return out;
}
