// Experiment (bench only): price the value of waiting by rollout. When the planner says "start now",
// simulate the future under the planner's own Gaussian model (posterior over actuals; nested forecast
// errors that shed a component as each slot's lead crosses a bucket edge) and the re-planning that
// would follow, and wait if that is expected to be cheaper than starting now.
import type { ForecastErrorAtLead } from "@/lib/domain/planner";
import { cholesky, solve } from "@/lib/domain/planner/joint-shrink";
import { gaussian, rng } from "../lib/rng";

/** The planner's model at one tick, over slots 0..n-1 (slot 0 = the current half hour). */
export type GaussianView = {
  n: number;
  forecast: Float64Array;
  /** Climatology mean and sd per slot. */
  clim: Float64Array;
  climSd: Float64Array;
  /** The anomaly is known `lag` half hours before slot 0 (`value` − `clim` there) and fades by `decay(lag)`. */
  anchor: { lag: number; value: number; clim: number };
  decay: (lag: number) => number;
  /** Error sd per lead bucket, the slot where each bucket starts, and ρ per half hour. */
  bucketSd: number[];
  bucketFrom: number[];
  rho: number;
};

export type Posterior = {
  view: GaussianView;
  /** Prior mean and covariance (row-major), Cholesky factors of prior + error and of the prior, posterior mean. */
  mu: Float64Array;
  sp: Float64Array;
  cholSum: Float64Array;
  cholPrior: Float64Array;
  mean: Float64Array;
  bucketOfSlot: Int32Array;
};

export function bucketsFromErrors(errors: ForecastErrorAtLead[]): { bucketSd: number[]; bucketFrom: number[] } {
  const sorted = [...errors].sort((a, b) => a.fromLeadMinutes - b.fromLeadMinutes);
  return { bucketSd: sorted.map((e) => e.sdGPerKWh), bucketFrom: sorted.map((e, i) => (i === 0 ? 0 : Math.round(e.fromLeadMinutes / 30))) };
}

function bucketAt(from: number[], lead: number): number {
  let b = 0;
  while (b + 1 < from.length && lead >= from[b + 1]) b++;
  return b;
}

/** The planner's joint model at this tick (as lib/domain/planner/joint-shrink.ts), with what sampling needs. */
export function posterior(view: GaussianView): Posterior | undefined {
  const { n, forecast, clim, climSd, anchor, decay, bucketSd, bucketFrom, rho } = view;
  const bucketOfSlot = new Int32Array(n).map((_, i) => bucketAt(bucketFrom, i));
  const o = (i: number) => i + anchor.lag;
  const mu = new Float64Array(n).map((_, i) => clim[i] + decay(o(i)) * (anchor.value - anchor.clim));
  const sp = new Float64Array(n * n);
  const sum = new Float64Array(n * n);
  const jittered = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const p = climSd[i] * climSd[j] * (decay(j - i) - decay(o(i)) * decay(o(j)));
      const e = bucketSd[Math.min(bucketOfSlot[i], bucketOfSlot[j])] ** 2 * rho ** (j - i);
      sp[i * n + j] = sp[j * n + i] = p;
      sum[i * n + j] = sum[j * n + i] = p + e;
      jittered[i * n + j] = jittered[j * n + i] = p + (i === j ? 1e-6 * climSd[i] ** 2 + 1e-9 : 0);
    }
  }
  const cholSum = cholesky(sum, n);
  const cholPrior = cholesky(jittered, n);
  if (!cholSum || !cholPrior) return undefined;
  const w = solve(cholSum, n, Array.from({ length: n }, (_, i) => forecast[i] - mu[i]));
  const mean = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let k = 0; k < n; k++) g += sp[i * n + k] * w[k];
    mean[i] = mu[i] + g;
  }
  return { view, mu, sp, cholSum, cholPrior, mean, bucketOfSlot };
}

/** Posterior variance of each slot (diagonal of Σp − Σp A⁻¹ Σp), for calibration checks. */
export function posteriorVariance(p: Posterior): Float64Array {
  const n = p.view.n;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const col = solve(p.cholSum, n, Array.from({ length: n }, (_, k) => p.sp[k * n + i]));
    let v = 0;
    for (let k = 0; k < n; k++) v += p.sp[i * n + k] * col[k];
    out[i] = p.sp[i * n + i] - v;
  }
  return out;
}

/** One possible world: actuals and the error components (cumulative by bucket) of every slot. */
type Scenario = { x: Float64Array; cum: Float64Array[] };

/**
 * A draw from the posterior of (actuals, error components) given today's forecast, by Matheron's
 * rule: draw both from the prior, then correct by the gain applied to what the draw gets wrong.
 */
function drawScenario(p: Posterior, normal: () => number): Scenario {
  const { n, forecast, bucketSd, rho } = p.view;
  const z = Array.from({ length: n }, normal);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = p.mu[i];
    for (let k = 0; k <= i; k++) v += p.cholPrior[i * n + k] * z[k];
    x[i] = v;
  }
  const increment = bucketSd.map((sd, b) => Math.max(0, sd ** 2 - (b > 0 ? bucketSd[b - 1] ** 2 : 0)));
  const comps = increment.map((v) => {
    const sd = Math.sqrt(v);
    const c = new Float64Array(n);
    c[0] = sd * normal();
    for (let i = 1; i < n; i++) c[i] = rho * c[i - 1] + Math.sqrt(1 - rho * rho) * sd * normal();
    return c;
  });
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let b = 0; b <= p.bucketOfSlot[i]; b++) e += comps[b][i];
    residual[i] = forecast[i] - x[i] - e;
  }
  const w = solve(p.cholSum, n, residual);
  for (let i = 0; i < n; i++) {
    let g = 0;
    for (let k = 0; k < n; k++) g += p.sp[i * n + k] * w[k];
    x[i] += g;
  }
  increment.forEach((v, b) => {
    // Cov(component b at k, observation j) = v·ρ^|k−j| where slot j's error includes b: the
    // convolution Σ_j ρ^|k−j| w_j over those j, in O(n) by two sweeps.
    const from = p.bucketOfSlot.findIndex((bb) => bb >= b);
    if (from < 0) return;
    const fwd = new Float64Array(n);
    let acc = 0;
    for (let k = 0; k < n; k++) {
      acc = acc * rho + (k >= from ? w[k] : 0);
      fwd[k] = acc;
    }
    acc = 0;
    for (let k = n - 1; k >= 0; k--) {
      const conv = fwd[k] + acc * rho;
      acc = acc * rho + (k >= from ? w[k] : 0);
      comps[b][k] += v * conv;
    }
  });
  const cum: Float64Array[] = [];
  comps.forEach((c, b) => cum.push(b === 0 ? c : c.map((v, i) => v + cum[b - 1][i])));
  return { x, cum };
}

/**
 * Expected carbon (slot-sum units) of starting now minus that of waiting and re-planning each tick,
 * over `draws` scenarios with common random numbers; positive = waiting is better. `latest` is the
 * latest start (slot index) and `duration` is in slots, both inside the view. The re-planning that
 * follows is simulated with per-reading shrinkage toward a prior read off the scenario's actual
 * `anchor.lag` half hours before each future tick (cheap; the planner's joint posterior is better,
 * so this undervalues waiting a little).
 */
export function valueOfWaiting(p: Posterior, duration: number, latest: number, draws: number, seed: number): { gain: number; se: number } {
  const { n, clim, climSd, anchor, decay, bucketSd, bucketFrom } = p.view;
  const normal = gaussian(rng(seed));
  const diffs: number[] = [];
  const prefix = new Float64Array(n + 1);
  for (let d = 0; d < draws; d++) {
    const sc = drawScenario(p, normal);
    const actual = (s: number) => {
      let g = 0;
      for (let k = s; k < s + duration; k++) g += sc.x[k];
      return g;
    };
    let chosen = latest;
    for (let tau = 1; tau < latest; tau++) {
      const at = tau - anchor.lag;
      // Before the view's first slot, the anomaly is still read off today's anchor.
      const known = at >= 0 ? { slot: at, anomaly: sc.x[at] - clim[at] } : { slot: -anchor.lag, anomaly: anchor.value - anchor.clim };
      prefix[tau] = 0;
      for (let i = tau; i < n; i++) {
        const b = bucketAt(bucketFrom, i - tau);
        const r = decay(i - known.slot);
        const mu = clim[i] + r * known.anomaly;
        const sd2 = climSd[i] ** 2 * (1 - r * r);
        const est = mu + (sd2 / (sd2 + bucketSd[b] ** 2)) * (sc.x[i] + sc.cum[b][i] - mu);
        prefix[i + 1] = prefix[i] + est;
      }
      let best = tau;
      let bestCost = Infinity;
      for (let s = tau; s <= latest; s++) {
        const c = prefix[s + duration] - prefix[s];
        if (c < bestCost - 1e-9) [best, bestCost] = [s, c];
      }
      if (best === tau) {
        chosen = tau;
        break;
      }
    }
    diffs.push(actual(0) - actual(chosen));
  }
  const gain = diffs.reduce((x, y) => x + y, 0) / draws;
  const sd = Math.sqrt(diffs.reduce((x, y) => x + (y - gain) ** 2, 0) / Math.max(1, draws - 1));
  return { gain, se: sd / Math.sqrt(draws) };
}
