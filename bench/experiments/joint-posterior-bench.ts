// The joint posterior over the horizon against the adopted per-reading shrinkage, in fraction of the
// oracle's saving (same series, workloads, seeds, 3 pooled error draws and config as
// bench/uncertainty-variants.ts; results in bench/experiments/joint-posterior.md):
//   npx tsx bench/experiments/joint-posterior-bench.ts [--regions=FR-2020,DE-2025] [--families=adhoc]
//     [--variants=prior,joint-ar1,joint-nested] [--diag] [--per-draw]
// Variants:
//   prior                       the adopted method (variant "prior" of bench/uncertainty-variants.ts)
//   joint-ar1 / joint-nested    joint posterior, Σe = σ(L_k)σ(L_j)ρ̂^|k−j| / σ(min(L_k, L_j))²ρ̂^|k−j|
//   joint-nested-unconditional  joint-nested with the unconditional climatology prior (the forecast
//                               for now is one more noisy observation instead of an exact anomaly)
//   joint-true-error            joint-nested told the simulator's own error sd and ρ = 0.9: a diagnostic
//                               of what measuring ρ̂ and σ costs, not something a worker could know
//   joint-nested-empirical-acf  joint-nested with the anomaly's measured autocorrelation (past actuals)
//                               instead of the AR(1) a^d, for prior mean and covariance (exploratory)
//   per-reading-empirical-acf   the per-reading shrinkage toward that prior (separates prior from joint)
//   check-diagonal              the joint code with diagonal Σp and Σe (must reproduce "prior" exactly)
// --diag adds the posterior's RMSE against actuals (single slots and 4 h window means) per draw and
// the anomaly's measured autocorrelation next to the prior's AR(1); --per-draw adds each draw's fraction.
// Every variant's ρ̂ and σ by lead are measured per draw (see measureErrorCorrelation) and printed.
import type { ForecastErrorAtLead, PlannerConfig } from "@/lib/domain/planner";
import { oracleIgnoringConcurrency, oracleSingleServer } from "../lib/baselines";
import { type Climatology, climatology, priorAt } from "../lib/climatology";
import { calibratedForecast, errorSdByLead, type ForecastModel, measuredErrorSdByLead } from "../lib/forecast-model";
import { summarise } from "../lib/metrics";
import { REGIONS, SEED } from "../lib/regions";
import { loadSeries, type Series } from "../lib/series";
import { simulatePlanner } from "../lib/simulate-planner";
import { makeFamilies } from "../lib/workloads";
import { HORIZON, jointPosteriorModel, measureErrorCorrelation, perReadingMean } from "./joint-posterior";
import { errorAtLead } from "@/lib/domain/planner/shrink-forecast";

type Draw = { m: ForecastModel; errors: ForecastErrorAtLead[]; rho: number };

const VARIANTS = [
  "prior",
  "joint-ar1",
  "joint-nested",
  "joint-nested-unconditional",
  "joint-true-error",
  "joint-nested-empirical-acf",
  "per-reading-empirical-acf",
  "check-diagonal",
] as const;
type VariantName = (typeof VARIANTS)[number];

function list(name: string, fallback: string[]): string[] {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.split("=")[1].split(",") : fallback;
}

function modelFor(v: VariantName, s: Series, d: Draw, clim: Climatology): ForecastModel {
  if (v === "joint-ar1") return jointPosteriorModel(s, d.m, clim, d.errors, d.rho, "ar1");
  if (v === "joint-nested") return jointPosteriorModel(s, d.m, clim, d.errors, d.rho, "nested");
  if (v === "joint-nested-unconditional") return jointPosteriorModel(s, d.m, clim, d.errors, d.rho, "nested", "unconditional");
  if (v === "joint-nested-empirical-acf") return jointPosteriorModel(s, d.m, clim, d.errors, d.rho, "nested", "empirical");
  if (v === "per-reading-empirical-acf") return jointPosteriorModel(s, d.m, clim, d.errors, 0, "independent", "empirical-diagonal");
  // Diagnostic, not production-legal: the simulator's own error sd by lead and ρ = 0.9 (nested).
  if (v === "joint-true-error") return jointPosteriorModel(s, d.m, clim, errorSdByLead(d.m.scale), 0.9, "nested");
  if (v === "check-diagonal") return jointPosteriorModel(s, d.m, clim, d.errors, 0, "independent", "diagonal");
  return d.m;
}

/** RMSE against actuals of raw, per-reading and joint posterior means, for single slots and 8-slot window means, by lead band. */
function diagnostics(s: Series, clim: Climatology, d: Draw, joint: ForecastModel): string {
  const bands = [
    [0, 12],
    [12, 48],
    [48, 88],
  ];
  const acc = bands.map(() => ({ n: 0, raw: [0, 0], per: [0, 0], joint: [0, 0] }));
  const sigma = Array.from({ length: HORIZON }, (_, i) => errorAtLead(d.errors, i * 30));
  for (let t = 40 * 48; t + HORIZON < s.values.length; t += 11) {
    const f = Array.from({ length: HORIZON }, (_, i) => d.m.forecast(t + i, t));
    const prior = priorAt(clim, t, t + HORIZON, f[0]);
    if (prior.some((p) => !p)) continue;
    const per = perReadingMean(prior.map((p) => p!.mean), prior.map((p) => p!.sd), sigma, f);
    const jt = Array.from({ length: HORIZON }, (_, i) => joint.forecast(t + i, t));
    const x = Array.from({ length: HORIZON }, (_, i) => s.values[t + i]);
    bands.forEach(([from, to], b) => {
      for (let i = from; i < to; i++) {
        const a = acc[b];
        a.n++;
        a.raw[0] += (f[i] - x[i]) ** 2;
        a.per[0] += (per[i] - x[i]) ** 2;
        a.joint[0] += (jt[i] - x[i]) ** 2;
        const w = (v: ArrayLike<number>) => {
          let sum = 0;
          for (let k = i; k < i + 8; k++) sum += v[k];
          return sum / 8;
        };
        a.raw[1] += (w(f) - w(x)) ** 2;
        a.per[1] += (w(per) - w(x)) ** 2;
        a.joint[1] += (w(jt) - w(x)) ** 2;
      }
    });
  }
  return bands
    .map(([from, to], b) => {
      const a = acc[b];
      const r = (v: number[], k: number) => Math.sqrt(v[k] / a.n).toFixed(2);
      return `lead ${from / 2}-${to / 2} h: slot ${r(a.raw, 0)}/${r(a.per, 0)}/${r(a.joint, 0)}, 4 h mean ${r(a.raw, 1)}/${r(a.per, 1)}/${r(a.joint, 1)}`;
    })
    .join("; ");
}

/** The anomaly's (actual − climatology mean) autocorrelation over the year, next to the prior's a^d (median a). */
function anomalyAutocorrelation(s: Series, clim: Climatology): string {
  const lags = [1, 2, 4, 8, 24, 48];
  const a = [...clim.persistence].filter(Number.isFinite).sort((x, y) => x - y);
  const median = a[Math.floor(a.length / 2)];
  const anomaly = (u: number) => s.values[u] - clim.mean[u];
  const r = lags.map((d) => {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let u = 0; u + d < s.values.length; u++) {
      const x = anomaly(u);
      const y = anomaly(u + d);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xy += x * y;
      xx += x * x;
      yy += y * y;
    }
    return xy / Math.sqrt(xx * yy);
  });
  return `anomaly autocorrelation at lags ${lags.join("/")} slots: ${r.map((v) => v.toFixed(3)).join("/")}; prior AR(1) median a = ${median.toFixed(4)}: ${lags.map((d) => (median ** d).toFixed(3)).join("/")}`;
}

function main(): void {
  const regions = list("regions", REGIONS.map((r) => r.region));
  const families = list("families", ["nightly", "adhoc", "contended", "interruptible"]);
  const variants = list("variants", ["prior", "joint-ar1", "joint-nested"]) as VariantName[];
  const unknown = variants.filter((v) => !(VARIANTS as readonly string[]).includes(v));
  if (unknown.length > 0) throw new Error(`unknown variant(s) ${unknown.join(", ")}; known: ${VARIANTS.join(", ")}`);
  const diag = process.argv.includes("--diag");
  const perDraw = process.argv.includes("--per-draw");
  console.log(`| region | family | oracle saved % | ${variants.join(" | ")} |\n|---|---|---:|${variants.map(() => "---:").join("|")}|`);
  const notes: string[] = [];
  for (const region of regions) {
    const r = REGIONS.find((x) => x.region === region)!;
    const regionIndex = REGIONS.indexOf(r);
    const s = loadSeries(`/work/shared/data/${r.file}`, r.region, `${r.year}-01-01T00:00:00Z`, `${Number(r.year) + 1}-01-01T00:00:00Z`);
    const clim = climatology(s);
    const draws: Draw[] = [0, 1, 2].map((k) => {
      const m = calibratedForecast(s, SEED + 100 * regionIndex + k, "std");
      const errors = measuredErrorSdByLead(s, m);
      const c = measureErrorCorrelation(s, m, errors);
      const f3 = (xs: number[]) => xs.map((v) => v.toFixed(3)).join(" ");
      notes.push(
        `${r.region} draw ${k}: ρ̂ = ${c.rho.toFixed(4)} (same-bucket pairs only ${c.rhoSameBucket.toFixed(4)}); ` +
          `r(1..8) = ${f3(c.lags)}; same bucket ${f3(c.sameBucket)}; straddling one edge / nested prediction ${f3(c.straddleNestedRatio)}; ` +
          `σ by lead ${errors.map((e) => e.sdGPerKWh.toFixed(2)).join("/")}`,
      );
      return { m, errors, rho: c.rho };
    });
    const models = new Map(variants.map((v) => [v, draws.map((d) => modelFor(v, s, d, clim))]));
    if (diag) {
      notes.push(`${r.region}: ${anomalyAutocorrelation(s, clim)}`);
      draws.forEach((d, k) => {
        const j = models.get("joint-nested")?.[k] ?? jointPosteriorModel(s, d.m, clim, d.errors, d.rho, "nested");
        notes.push(`${r.region} draw ${k} RMSE raw/per-reading/joint-nested: ${diagnostics(s, clim, d, j)}`);
      });
    }
    for (const fam of makeFamilies(s.values.length, 3, SEED).filter((f) => families.includes(f.name))) {
      const oracle = fam.maxConcurrent === 1 ? oracleSingleServer(s, fam) : oracleIgnoringConcurrency(s, fam);
      let oracleSaved = NaN;
      const cells = variants.map((v) => {
        const base: PlannerConfig = { defaultWindowHours: 24, minSavingPercent: 0, hysteresisPercent: 2, maxPauses: fam.maxPauses, stepMinutes: 30 };
        const byDraw = draws.map((d, k) => {
          const model = models.get(v)![k];
          if (v === "prior") return simulatePlanner(s, fam, model, { kind: "greenest" }, { ...base, forecastErrorSd: d.errors }, { clim }).outcomes;
          return simulatePlanner(s, fam, model, { kind: "greenest" }, base).outcomes;
        });
        const score = (outcomes: typeof oracle) =>
          summarise(s, [["planner-calibrated", { outcomes, tickMs: [] }], ["oracle", { outcomes: oracle, tickMs: [] }]], fam.name);
        const [row, o] = score(byDraw.flat());
        oracleSaved = o.savedPercent;
        const each = perDraw ? ` [${byDraw.map((x) => score(x)[0].fractionOfOracle.toFixed(3)).join(" ")}]` : "";
        return `${row.savedPercent.toFixed(2)} (${row.fractionOfOracle.toFixed(3)})` + (row.deadlineMisses > 0 ? ` **${row.deadlineMisses} late**` : ", 0 late") + each;
      });
      console.log(`| ${r.region} | ${fam.name} | ${oracleSaved.toFixed(2)} | ${cells.join(" | ")} |`);
    }
  }
  console.log("");
  for (const n of notes) console.log(`- ${n}`);
}

main();
