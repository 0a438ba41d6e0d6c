// Is the planner's joint posterior calibrated? Mean z² = ((actual − posterior mean) / posterior sd)² by
// lead over a year of ticks (1 when calibrated), for the posterior and for its prior alone, and the
// posterior's RMS error against the forecast's. One error draw.
// npx tsx bench/experiments/calibration.ts [--regions=FR-2020,FR-2025] [--lag=2] [--acf]
//   --lag=L  the prior's anomaly is read off the actual L half hours back (default 0: off the current forecast)
//   --acf    it fades by its measured autocorrelation (default: the AR(1) fitted at 12 h)
import { anomalyAutocorrelation } from "@/lib/domain/forecast-uncertainty";
import { climatology } from "../lib/climatology";
import { calibratedForecast, measuredForecastError } from "../lib/forecast-model";
import { SEED } from "../lib/regions";
import { argList, loadRegion } from "./cells";
import { bucketsFromErrors, posterior, posteriorVariance } from "./rollout";

const ACF = process.argv.includes("--acf");
const LAG = Number(argList("lag", "0")[0]);
const LEADS = [[0, 1], [1, 2], [2, 6], [6, 12], [12, 24], [24, 48], [48, 96]];

for (const region of argList("regions", "FR-2020,FR-2025,GB-2020,DE-2025")) {
  const { s, regionIndex } = loadRegion(region);
  const clim = climatology(s);
  const m = calibratedForecast(s, SEED + 100 * regionIndex, "std");
  const measured = measuredForecastError(s, m);
  const sums = LEADS.map(() => ({ z2: 0, priorZ2: 0, post2: 0, forecast2: 0, n: 0 }));
  for (let t = 40 * 48; t + 96 < s.values.length; t += 37) {
    const n = 96;
    const u = t - LAG;
    const acf = ACF ? anomalyAutocorrelation(s.values, clim.mean, u) : undefined;
    const a = clim.persistence[u];
    const anchor = LAG > 0 ? { lag: LAG, value: s.values[u], clim: clim.mean[u] } : { lag: 0, value: m.forecast(t, t), clim: clim.mean[t] };
    const forecast = Float64Array.from({ length: n }, (_, i) => m.forecast(t + i, t));
    const p = posterior({
      n,
      forecast,
      clim: Float64Array.from({ length: n }, (_, i) => clim.mean[t + i]),
      climSd: Float64Array.from({ length: n }, (_, i) => clim.sd[t + i]),
      anchor,
      decay: (lag) => (acf && lag < acf.length ? acf[lag] : a ** lag),
      ...bucketsFromErrors(measured.sd),
      rho: measured.correlation!,
    });
    if (!p) continue;
    const v = posteriorVariance(p);
    LEADS.forEach(([from, to], li) => {
      // Read off the current forecast, the prior knows slot 0 exactly: nothing to check there.
      for (let i = Math.max(LAG > 0 ? 0 : 1, from); i < to; i++) {
        const x = s.values[t + i];
        const r = p.view.decay(i + LAG);
        sums[li].z2 += (x - p.mean[i]) ** 2 / v[i];
        sums[li].priorZ2 += (x - p.mu[i]) ** 2 / (p.view.climSd[i] ** 2 * (1 - r * r));
        sums[li].post2 += (x - p.mean[i]) ** 2;
        sums[li].forecast2 += (x - forecast[i]) ** 2;
        sums[li].n++;
      }
    });
  }
  console.log(`${region} (${LAG > 0 ? `actual ${LAG} half hours back` : "current forecast"}, ${ACF ? "measured autocorrelation" : "AR(1)"}):`);
  LEADS.forEach(([from, to], li) => {
    const x = sums[li];
    if (x.n === 0) return;
    console.log(`  lead ${from}-${to} half hours: z² ${(x.z2 / x.n).toFixed(2)}, prior alone ${(x.priorZ2 / x.n).toFixed(2)}; RMS error posterior ${Math.sqrt(x.post2 / x.n).toFixed(2)}, forecast ${Math.sqrt(x.forecast2 / x.n).toFixed(2)} g/kWh`);
  });
}
