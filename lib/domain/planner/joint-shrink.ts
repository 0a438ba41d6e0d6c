import { errorAtLead } from "./error-at-lead";
import type { ForecastErrorAtLead, IntensityPrior, IntensityReading } from "./types";

const HALF_HOUR_MS = 1_800_000;
/** Beyond this many forecast readings (5-minute data over 48 h) the O(n³) solve is not worth it: per reading instead. */
const MAX_JOINT_READINGS = 200;

/**
 * The joint Gaussian posterior mean of the forecast readings, x̂ = μ + Σp (Σp + Σe)⁻¹ (F − μ),
 * instead of shrinking each reading on its own: forecast errors persist for hours, so a window's
 * errors move together, and a dip that several noisy readings share is believed less than
 * independent errors would suggest.
 * - Prior: the anomaly from climatology, standardised by the climatology sd s, has autocorrelation
 *   r(lag) (measured, else an AR(1), r = a^lag) and is known at the anchor (`anchoredAt`, else the
 *   prior's first period; variance 0 there), so Cov(x_i, x_j) = s_i·s_j·(r(|o_i − o_j|) − r(o_i)·r(o_j)),
 *   o = half hours after the anchor;
 *   on the diagonal this is the prior's own sd².
 * - Errors: nested by lead (each lead bucket adds an error of its own, not shared with nearer
 *   leads) and correlated ρ per half hour of target time: Cov(e_i, e_j) = min(σ_i, σ_j)²·ρ^|o_i − o_j|.
 * Undefined when the inputs do not allow it (then the caller shrinks per reading): a prior without
 * climatology sd, too many readings, or a covariance that is not positive definite.
 */
export function jointShrink(
  readings: IntensityReading[],
  prior: IntensityPrior[],
  errors: ForecastErrorAtLead[],
  shape: JointShape,
  nowMs: number,
  covering: (ms: number) => IntensityPrior | undefined,
): IntensityReading[] | undefined {
  const { rho, persistence, autocorrelation, anchoredAt } = shape;
  if (!(rho >= 0 && rho < 1) || !(persistence >= 0 && persistence < 1)) return undefined;
  const anchor = Math.min(prior[0].start.getTime(), anchoredAt?.getTime() ?? Infinity);
  const rows: { index: number; offset: number; mu: number; s: number; sigma: number; f: number }[] = [];
  readings.forEach((r, index) => {
    if (r.kind !== "forecast") return;
    const mid = (r.start.getTime() + r.end.getTime()) / 2;
    const p = covering(mid);
    if (!p || !Number.isFinite(p.gCO2PerKWh) || !(p.climatologySdGPerKWh !== undefined && p.climatologySdGPerKWh >= 0)) return;
    const sigma = errorAtLead(errors, (r.start.getTime() - nowMs) / 60_000);
    if (!(sigma > 0)) return;
    rows.push({ index, offset: Math.max(0, (p.start.getTime() - anchor) / HALF_HOUR_MS), mu: p.gCO2PerKWh, s: p.climatologySdGPerKWh, sigma, f: r.gCO2PerKWh });
  });
  const n = rows.length;
  if (n === 0 || n > MAX_JOINT_READINGS || rows.some((x) => !Number.isFinite(x.s))) return undefined;
  const sp = new Float64Array(n * n);
  const sum = new Float64Array(n * n);
  const aPow = powers(persistence);
  const decay = autocorrelation ? (lag: number) => (Number.isInteger(lag) && lag < autocorrelation.length ? autocorrelation[lag] : aPow(lag)) : aPow;
  const rhoPow = powers(rho);
  const aNow = rows.map((x) => decay(x.offset));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = rows[i];
      const b = rows[j];
      const lag = Math.abs(a.offset - b.offset);
      const p = a.s * b.s * (decay(lag) - aNow[i] * aNow[j]);
      const e = Math.min(a.sigma, b.sigma) ** 2 * rhoPow(lag);
      sp[i * n + j] = sp[j * n + i] = p;
      sum[i * n + j] = sum[j * n + i] = p + e;
    }
  }
  const l = cholesky(sum, n);
  if (!l) return undefined;
  const w = solve(l, n, rows.map((x) => x.f - x.mu));
  const out = [...readings];
  for (let i = 0; i < n; i++) {
    let gain = 0;
    for (let k = 0; k < n; k++) gain += sp[i * n + k] * w[k];
    const x = rows[i].mu + gain;
    if (!Number.isFinite(x)) return undefined;
    out[rows[i].index] = { ...readings[rows[i].index], gCO2PerKWh: x };
  }
  return out;
}

/**
 * How the forecast errors and the prior's anomaly move over time: errors correlate ρ per half hour
 * of target time; the anomaly, known at `anchoredAt` (default: the prior's first period), decays by
 * its measured `autocorrelation` per half hour of lag where given, else by `persistence` per half hour.
 */
export type JointShape = { rho: number; persistence: number; autocorrelation?: ArrayLike<number>; anchoredAt?: Date };

/** x ↦ base^x, from a table for whole numbers of half hours (the usual case: one solve takes ~n² powers). */
function powers(base: number): (x: number) => number {
  const table: number[] = [1];
  return (x) => {
    if (!Number.isInteger(x) || x > 4096) return base ** x;
    while (table.length <= x) table.push(table[table.length - 1] * base);
    return table[x];
  };
}

/** Lower Cholesky factor of a symmetric matrix (row-major n×n), or undefined if it is not positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] ** 2;
    if (!(d > 1e-12 * Math.max(1, a[j * n + j]))) return undefined;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j];
      for (let k = 0; k < j; k++) v -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = v / ljj;
    }
  }
  return l;
}

/** x with L·Lᵀ·x = b. */
export function solve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = b[i];
    for (let k = 0; k < i; k++) v -= l[i * n + k] * y[k];
    y[i] = v / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let v = y[i];
    for (let k = i + 1; k < n; k++) v -= l[k * n + i] * x[k];
    x[i] = v / l[i * n + i];
  }
  return x;
}
