// Experiment (bench only): the joint Gaussian posterior mean of the intensity over the whole 48 h
// horizon, x̂ = μ + Σp (Σp + Σe)⁻¹ (F − μ), instead of shrinking each forecast reading on its own
// (lib/domain/planner/shrink-forecast.ts). Run with bench/experiments/joint-posterior-bench.ts.
//
// Prior (the product's priorAt, lib/domain/forecast-uncertainty/climatology.ts): the anomaly
// A_k = x_k − clim_k, standardised Z_k = A_k / s_k (s = climatology sd), is an AR(1) with
// persistence a and unit variance, so Cov(Z_k, Z_j) = a^|k−j|. Conditioned on Z_t (today's
// anomaly, t = the tick), a Gaussian conditional gives, for k, j ≥ t,
//   E[Z_k | Z_t] = a^(k−t) Z_t,  Cov(Z_k, Z_j | Z_t) = a^|k−j| − a^(k−t)·a^(j−t),
// hence Cov(x_k, x_j | now) = s_k·s_j·(a^|k−j| − a^(k−t)·a^(j−t)); on the diagonal
// s_k²·(1 − a^(2(k−t))), priorAt's sd². (priorAt's mean clim_k + a^(k−t)·A_t takes s_k/s_t = 1;
// s is a 28-day rolling RMS, so it barely moves over 48 h. The mean is taken from priorAt as is.)
//
// Forecast error (what a worker can measure from stored versions): sd by lead σ(L) (the measured
// RMSE per lead bucket) and the correlation of one issue's errors across target slots, fitted as
// an AR(1) ρ̂ in target time. Two forms:
//   "ar1":    Cov(e_k, e_j) = σ(L_k)·σ(L_j)·ρ̂^|k−j|
//   "nested": Cov(e_k, e_j) = σ(min(L_k, L_j))²·ρ̂^|k−j|
// "nested" is what an efficient forecast implies when its error is the sum of independent
// revisions, one per lead bucket (the part of the error a longer lead adds is not shared with a
// slot at a shorter lead). It is measurable: pairs of one issue straddling a lead-bucket edge
// correlate σ_b/σ_(b+1) times less than pairs inside one bucket at the same lag
// (see measureErrorCorrelation).
import { anomalyAutocorrelation } from "@/lib/domain/forecast-uncertainty";
import type { ForecastErrorAtLead } from "@/lib/domain/planner";
import { errorAtLead } from "@/lib/domain/planner/shrink-forecast";
import { type Climatology, priorAt } from "../lib/climatology";
import type { ForecastModel } from "../lib/forecast-model";
import type { Series } from "../lib/series";

export const HORIZON = 96;

// ---------------------------------------------------------------- linear algebra (row-major n×n)

/** Lower Cholesky factor L (A = L·Lᵀ) of a symmetric positive-definite matrix; throws if not PD. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) throw new Error(`cholesky: matrix not positive definite at ${j} (${d})`);
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

/** Solves L·Lᵀ·x = b given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
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

export function matVec(a: Float64Array, n: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = 0; k < n; k++) v += a[i * n + k] * x[k];
    y[i] = v;
  }
  return y;
}

// ---------------------------------------------------------------- covariances

/**
 * Prior covariance over slots t + offsets[i] (offsets ≥ 0, the lead in slots) with climatology sd
 * `sd[i]` and anomaly persistence `a` per slot, conditioned on the anomaly at t.
 */
export function priorCovariance(offsets: ArrayLike<number>, sd: ArrayLike<number>, a: number): Float64Array {
  const n = offsets.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = sd[i] * sd[j] * (a ** Math.abs(offsets[i] - offsets[j]) - a ** offsets[i] * a ** offsets[j]);
      c[i * n + j] = v;
      c[j * n + i] = v;
    }
  }
  return c;
}

/**
 * "full": priorAt's mean and the AR(1) covariance conditioned on the anomaly now (the nowcast, i.e.
 * the forecast for the current slot, taken as exact). "unconditional": climatology mean and the
 * AR(1) covariance s_k·s_j·a^|k−j| with nothing conditioned on; the forecast for the current slot
 * then enters as one more noisy observation, its error (and its correlation with the next slots'
 * errors) counted in Σe. "diagonal": priorAt's mean and variances only (with independent errors:
 * the per-reading shrinkage, a check). "empirical" (exploratory): as "full" but with the anomaly's
 * measured autocorrelation r(d) (past actuals, days 3-30 before, like the climatology) in place of
 * a^d, for the mean (clim + r(k−t)·anomaly) and the covariance s_k·s_j·(r(|k−j|) − r(k−t)·r(j−t)).
 * "empirical-diagonal": that prior's mean and variances only (with independent errors: the
 * per-reading shrinkage toward the empirical-autocorrelation prior, to separate prior from joint).
 */
export type PriorForm = "full" | "unconditional" | "diagonal" | "empirical" | "empirical-diagonal";

export type ErrorForm = "ar1" | "nested" | "independent";

/**
 * Forecast error covariance over slots at leads `offsets[i]` (slots, increasing) with error sd
 * `sigma[i]` at that lead (non-decreasing in the lead for "nested") and correlation ρ per slot of
 * target time.
 */
export function errorCovariance(offsets: ArrayLike<number>, sigma: ArrayLike<number>, rho: number, form: ErrorForm): Float64Array {
  const n = offsets.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let v: number;
      if (form === "independent") v = i === j ? sigma[i] * sigma[i] : 0;
      else {
        const r = rho ** Math.abs(offsets[i] - offsets[j]);
        // offsets increase with the index, so the shorter lead of the pair is i's.
        v = form === "ar1" ? sigma[i] * sigma[j] * r : Math.min(sigma[i], sigma[j]) ** 2 * r;
      }
      c[i * n + j] = v;
      c[j * n + i] = v;
    }
  }
  return c;
}

/** x̂ = μ + Σp (Σp + Σe)⁻¹ (F − μ), by a Cholesky factorisation of Σp + Σe. */
export function jointPosteriorMean(mu: ArrayLike<number>, sp: Float64Array, se: Float64Array, f: ArrayLike<number>): Float64Array {
  const n = mu.length;
  const sum = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) sum[i] = sp[i] + se[i];
  const l = cholesky(sum, n);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) resid[i] = f[i] - mu[i];
  const w = choleskySolve(l, n, resid);
  const gain = matVec(sp, n, w);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mu[i] + gain[i];
  return out;
}

/** Per-reading shrinkage (as shrink-forecast.ts): μ + k·(F − μ), k = p / (p + e²). */
export function perReadingMean(mu: ArrayLike<number>, priorSd: ArrayLike<number>, errSd: ArrayLike<number>, f: ArrayLike<number>): Float64Array {
  const out = new Float64Array(mu.length);
  for (let i = 0; i < mu.length; i++) {
    const p = priorSd[i] ** 2;
    const e = errSd[i] ** 2;
    out[i] = e > 0 ? mu[i] + (p / (p + e)) * (f[i] - mu[i]) : f[i];
  }
  return out;
}

// ---------------------------------------------------------------- measuring the error correlation

export type ErrorCorrelation = {
  /** r[d − 1]: correlation at lag d slots of one issue's lead-normalised errors, all pairs. */
  lags: number[];
  /** The same, only pairs whose leads are in one lead bucket. */
  sameBucket: number[];
  /** The same, only pairs straddling exactly one bucket edge, divided by the nested model's σ_b/σ_(b+1). */
  straddleNestedRatio: number[];
  /** AR(1) fitted to `lags` by least squares over d = 1..maxLag. */
  rho: number;
  /** AR(1) fitted to `sameBucket`. */
  rhoSameBucket: number;
};

/**
 * Measures, the way a worker could from its stored forecast versions, how one issue's errors
 * correlate across target slots: for every issue in the year's first four weeks (the window of
 * measuredErrorSdByLead), the errors at leads 0..95 slots, each divided by the measured error sd at
 * its lead, and the correlation of pairs d = 1..maxLag slots apart, pooled over issues and leads.
 */
export function measureErrorCorrelation(s: Series, m: ForecastModel, errors: ForecastErrorAtLead[], maxLag = 8): ErrorCorrelation {
  const sigma = Array.from({ length: HORIZON }, (_, i) => errorAtLead(errors, i * 30));
  const bucket = Array.from({ length: HORIZON }, (_, i) => errors.filter((e) => i * 30 >= e.fromLeadMinutes).length - 1);
  const acc = (n: number) => Array.from({ length: n }, () => ({ xy: 0, xx: 0, yy: 0 }));
  const all = acc(maxLag);
  const same = acc(maxLag);
  const straddle = acc(maxLag);
  const straddleExpected = Array.from({ length: maxLag }, () => ({ sum: 0, count: 0 }));
  const z = new Float64Array(HORIZON);
  for (let u = 96; u < 96 + 28 * 48; u++) {
    for (let i = 0; i < HORIZON; i++) z[i] = (m.forecast(u + i, u) - s.values[u + i]) / sigma[i];
    for (let d = 1; d <= maxLag; d++) {
      for (let i = 0; i + d < HORIZON; i++) {
        const add = (a: { xy: number; xx: number; yy: number }) => {
          a.xy += z[i] * z[i + d];
          a.xx += z[i] * z[i];
          a.yy += z[i + d] * z[i + d];
        };
        add(all[d - 1]);
        if (bucket[i] === bucket[i + d]) add(same[d - 1]);
        else if (bucket[i + d] === bucket[i] + 1) {
          add(straddle[d - 1]);
          straddleExpected[d - 1].sum += sigma[i] / sigma[i + d];
          straddleExpected[d - 1].count++;
        }
      }
    }
  }
  const corr = (a: { xy: number; xx: number; yy: number }) => a.xy / Math.sqrt(a.xx * a.yy);
  const lags = all.map(corr);
  const sameBucket = same.map(corr);
  const straddleNestedRatio = straddle.map((a, d) => {
    const e = straddleExpected[d];
    // observed straddling correlation / (same-bucket correlation at d × mean σ_b/σ_(b+1)): 1 if nested.
    return e.count > 0 ? corr(a) / (sameBucket[d] * (e.sum / e.count)) : NaN;
  });
  return { lags, sameBucket, straddleNestedRatio, rho: fitAr1(lags), rhoSameBucket: fitAr1(sameBucket) };
}

/** ρ minimising Σ_d (r_d − ρ^d)² over d = 1..r.length (golden-section search on [0, 0.999]). */
export function fitAr1(r: number[]): number {
  const loss = (rho: number) => r.reduce((sum, v, i) => sum + (v - rho ** (i + 1)) ** 2, 0);
  let lo = 0;
  let hi = 0.999;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (loss(a) < loss(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------- the posterior as a forecast model

/**
 * A ForecastModel whose forecast for (slot, issuedAt) is the joint posterior mean of slot given
 * every forecast issued at issuedAt over the horizon: what the planner then sees, with no prior and
 * no forecastErrorSd, so it does not shrink again. Slots with no prior (history too short) keep the
 * forecast as given, as the per-reading shrinkage does. Cached per tick (the simulator asks slot by slot).
 */
export function jointPosteriorModel(
  s: Series,
  m: ForecastModel,
  clim: Climatology,
  errors: ForecastErrorAtLead[],
  rho: number,
  form: ErrorForm,
  priorForm: PriorForm = "full",
): ForecastModel {
  const cache = new Map<number, Float64Array>();
  const acfByDay = new Map<number, Float64Array | undefined>();
  const acfAt = (t: number) => {
    const day = Math.floor(t / 48);
    if (!acfByDay.has(day)) acfByDay.set(day, anomalyAcf(s.values, clim.mean, day));
    return acfByDay.get(day);
  };
  const sigmaAtLead = Array.from({ length: HORIZON }, (_, i) => errorAtLead(errors, i * 30));
  const posterior = (t: number): Float64Array => {
    const hit = cache.get(t);
    if (hit) return hit;
    const end = Math.min(s.values.length, t + HORIZON);
    const f = Float64Array.from({ length: end - t }, (_, i) => m.forecast(t + i, t));
    const out = Float64Array.from(f);
    const prior = priorAt(clim, t, end, f[0]);
    const idx = prior.flatMap((p, i) => (p ? [i] : []));
    const empirical = priorForm === "empirical" || priorForm === "empirical-diagonal";
    const acf = empirical ? acfAt(t) : undefined;
    if (idx.length > 0 && (!empirical || acf)) {
      const a = clim.persistence[t];
      const anomaly = f[0] - clim.mean[t];
      const sd = idx.map((i) => clim.sd[t + i]);
      let mu: number[];
      let sp: Float64Array;
      if (acf) {
        mu = idx.map((i) => clim.mean[t + i] + acf[i] * anomaly);
        const full = acfCovariance(idx, sd, acf);
        sp = priorForm === "empirical" ? full : diagonal(idx.map((_, j) => full[j * idx.length + j]));
      } else if (priorForm === "unconditional") {
        mu = idx.map((i) => clim.mean[t + i]);
        sp = unconditionalCovariance(idx, sd, a);
      } else {
        mu = idx.map((i) => prior[i]!.mean);
        sp = priorForm === "full" ? priorCovariance(idx, sd, a) : diagonal(idx.map((i) => prior[i]!.sd ** 2));
      }
      const se = errorCovariance(idx, idx.map((i) => sigmaAtLead[i]), rho, form);
      const x = jointPosteriorMean(mu, sp, se, idx.map((i) => f[i]));
      idx.forEach((i, j) => (out[i] = x[j]));
    }
    cache.set(t, out);
    return out;
  };
  return { scale: m.scale, forecast: (slot, issuedAt) => posterior(issuedAt)[slot - issuedAt] };
}

/** The anomaly's AR(1) covariance not conditioned on anything: s_k·s_j·a^|k−j|. */
export function unconditionalCovariance(offsets: ArrayLike<number>, sd: ArrayLike<number>, a: number): Float64Array {
  const n = offsets.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = sd[i] * sd[j] * a ** Math.abs(offsets[i] - offsets[j]);
      c[i * n + j] = v;
      c[j * n + i] = v;
    }
  }
  return c;
}

/**
 * The anomaly's autocorrelation r(0..HORIZON−1) over days 3-30 before `day` (the climatology's
 * window), as the biased estimator Σ x_u·x_(u+d) / Σ x_u² with unknown anomalies as 0, so the
 * Toeplitz matrix it makes is positive semi-definite. Undefined with less than a week of anomalies.
 */
export function anomalyAcf(values: ArrayLike<number>, mean: ArrayLike<number>, day: number): Float64Array | undefined {
  // Now the product's own measurement (lib/domain/forecast-uncertainty), which grew out of this one.
  return anomalyAutocorrelation(values, mean, day * 48, HORIZON);
}

/** s_k·s_j·(r(|k−j|) − r(k)·r(j)) for leads `offsets`: the anomaly with autocorrelation r, given its value now. */
export function acfCovariance(offsets: ArrayLike<number>, sd: ArrayLike<number>, r: ArrayLike<number>): Float64Array {
  const n = offsets.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = sd[i] * sd[j] * (r[Math.abs(offsets[i] - offsets[j])] - r[offsets[i]] * r[offsets[j]]);
      c[i * n + j] = v;
      c[j * n + i] = v;
    }
  }
  return c;
}

function diagonal(v: number[]): Float64Array {
  const n = v.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) c[i * n + i] = v[i];
  return c;
}
