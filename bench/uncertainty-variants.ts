// How the calibrated planner fares under forecast-uncertainty variants, in fraction of the oracle:
// `npx tsx bench/uncertainty-variants.ts [--regions=FR-2020,DE-2025] [--families=adhoc] [--variants=raw,prior]`.
// Same series, workloads, seeds and 3 pooled error draws as bench/savings.ts; figures in bench/README.md.
import type { PlannerConfig } from "@/lib/domain/planner";
import { oracleIgnoringConcurrency, oracleSingleServer } from "./lib/baselines";
import { type Climatology, climatology } from "./lib/climatology";
import { calibratedForecast, errorSdAtLead, measuredForecastError, type ForecastModel, perfectForecast } from "./lib/forecast-model";
import { summarise } from "./lib/metrics";
import { loadSeries } from "./lib/series";
import { ACTUAL_LAG_SLOTS, simulatePlanner } from "./lib/simulate-planner";
import { makeFamilies } from "./lib/workloads";
import { REGIONS, SEED } from "./lib/regions";

type Variant = {
  /** The forecasts the planner sees. */
  model?: (m: ForecastModel) => ForecastModel;
  config?: Partial<PlannerConfig>;
  prior?: "adopted" | "climatology-only";
  /** Pauses the planner may use (the oracle keeps the family's). */
  maxPauses?: number;
  /** Error model sensitivity: AR(1) coefficient per lead-bucket component (the planner keeps the adopted prior). */
  rhoByBucket?: number[];
  /** Shrink per reading (the earlier method) instead of jointly over the horizon. */
  perReading?: boolean;
  /** The prior's anomaly is read off the actual this many half hours before the tick (default as the worker, 0: off the current forecast). */
  anchorLag?: number;
  /** The prior's anomaly fades as an AR(1) fitted at 12 h instead of by its measured autocorrelation. */
  ar1Prior?: boolean;
  /** Interruptible jobs follow the pieces planned at their start instead of being re-planned after each. */
  followPlannedPieces?: boolean;
  /** The actual series as the forecast (policy 2 of bench/savings.ts), no prior. */
  perfect?: boolean;
};

const risk = (lambda: number): Variant => ({
  model: (m) => ({ ...m, forecast: (slot, at) => m.forecast(slot, at) + lambda * errorSdAtLead(m.scale, slot - at) }),
});

const VARIANTS: Record<string, Variant> = {
  raw: {},
  joint: { prior: "adopted" },
  "per-reading": { prior: "adopted", perReading: true },
  "climatology-only": { prior: "climatology-only" },
  "risk-0.25": risk(0.25),
  "risk-0.5": risk(0.5),
  "risk-1": risk(1),
  "min-saving-1": { prior: "adopted", config: { minSavingPercent: 1 } },
  "min-saving-2": { prior: "adopted", config: { minSavingPercent: 2 } },
  "min-saving-5": { prior: "adopted", config: { minSavingPercent: 5 } },
  "hysteresis-0": { prior: "adopted", config: { hysteresisPercent: 0 } },
  "hysteresis-3": { prior: "adopted", config: { hysteresisPercent: 3 } },
  "min-saving-1-hysteresis-3": { prior: "adopted", config: { minSavingPercent: 1, hysteresisPercent: 3 } },
  // The worker's defaults until 2026-12-05 (GRIDSHIFT_MIN_SAVING_PERCENT 5, GRIDSHIFT_HYSTERESIS_PERCENT 3).
  "min-saving-5-hysteresis-3": { prior: "adopted", config: { minSavingPercent: 5, hysteresisPercent: 3 } },
  // The worker's defaults since (0 %, GRIDSHIFT_MIN_SAVING_GRAMS 1, hysteresis 2 as here). The simulated servers
  // draw 1000 W, so 1 g is 0.04-3 % of what a 1-8 h job emits when started at once.
  "min-saving-1g": { prior: "adopted", config: { minSavingGrams: 1 } },
  "min-saving-1g-hysteresis-3": { prior: "adopted", config: { minSavingGrams: 1, hysteresisPercent: 3 } },
  // Where the prior's anomaly is read off: the current half hour's forecast (before), or an actual 1-4 half hours back.
  "anchor-forecast": { prior: "adopted", anchorLag: 0 },
  "ar1-prior": { prior: "adopted", ar1Prior: true },
  "ar1-prior-anchor-forecast": { prior: "adopted", ar1Prior: true, anchorLag: 0 },
  "anchor-actual-1": { prior: "adopted", anchorLag: 1 },
  "anchor-actual-3": { prior: "adopted", anchorLag: 3 },
  "anchor-actual-4": { prior: "adopted", anchorLag: 4 },
  "follow-planned-pieces": { prior: "adopted", followPlannedPieces: true },
  // A one-at-a-time queue in strict priority order (queue order, as the worker gives it) instead of its greenest order.
  "strict-queue-order": { prior: "adopted", config: { reorderOneAtATimeQueues: false } },
  perfect: { perfect: true },
  "perfect-strict-queue-order": { perfect: true, config: { reorderOneAtATimeQueues: false } },
  "pauses-1": { prior: "adopted", maxPauses: 1 },
  "no-pauses": { prior: "adopted", maxPauses: 0 },
  "final-error-only": { model: (m) => ({ ...m, forecast: (slot) => m.forecast(slot, slot) }) },
  // The same forecasts, weighed as the adopted planner weighs its own: what long-lead error costs it.
  "final-error-only-joint": { model: (m) => ({ ...m, forecast: (slot) => m.forecast(slot, slot) }), prior: "adopted" },
  // The error model with the recorded UK final forecasts' faster decorrelation (ρ 0.65) in its final component, then in all.
  "final-rho-0.65": { prior: "adopted", rhoByBucket: [0.65, 0.9, 0.9, 0.9, 0.9] },
  "all-rho-0.65": { prior: "adopted", rhoByBucket: [0.65, 0.65, 0.65, 0.65, 0.65] },
};

function list(name: string, fallback: string[]): string[] {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.split("=")[1].split(",") : fallback;
}

/** The climatology with no persistence: the prior is the time-of-day mean at every lead but the first. */
function withoutPersistence(c: Climatology): Climatology {
  return { ...c, persistence: c.persistence.map((a) => (Number.isFinite(a) ? 0 : a)) };
}

function main(): void {
  const regions = list("regions", REGIONS.map((r) => r.region));
  const families = list("families", ["nightly", "adhoc", "contended", "interruptible"]);
  const variants = list("variants", Object.keys(VARIANTS));
  console.log(`| region | family | ${variants.join(" | ")} |\n|---|---|${variants.map(() => "---:").join("|")}|`);
  for (const r of REGIONS.filter((x) => regions.includes(x.region))) {
    const regionIndex = REGIONS.indexOf(r);
    const s = loadSeries(`/work/shared/data/${r.file}`, r.region, `${r.year}-01-01T00:00:00Z`, `${Number(r.year) + 1}-01-01T00:00:00Z`);
    const draws = [0, 1, 2].map((k) => calibratedForecast(s, SEED + 100 * regionIndex + k, "std"));
    const clim = climatology(s);
    const priors = { adopted: clim, "climatology-only": withoutPersistence(clim) };
    for (const fam of makeFamilies(s.values.length, 3, SEED).filter((f) => families.includes(f.name))) {
      const oracle = fam.maxConcurrent === 1 ? oracleSingleServer(s, fam) : oracleIgnoringConcurrency(s, fam);
      const cells = variants.map((name) => {
        const v = VARIANTS[name];
        const base: PlannerConfig = { defaultWindowHours: 24, minSavingPercent: 0, hysteresisPercent: 2, maxPauses: fam.maxPauses, stepMinutes: 30, ...v.config };
        const models = v.perfect ? [perfectForecast(s)] : v.rhoByBucket ? [0, 1, 2].map((k) => calibratedForecast(s, SEED + 100 * regionIndex + k, "std", v.rhoByBucket)) : draws;
        const outcomes = models.flatMap((drawn) => {
          const m = v.model ? v.model(drawn) : drawn;
          // What the worker would measure of the forecasts the planner sees.
          const measured = v.prior ? measuredForecastError(s, m) : undefined;
          const config = measured ? { ...base, forecastErrorSd: measured.sd } : base;
          const planned = v.maxPauses === undefined ? fam : { ...fam, maxPauses: Math.min(fam.maxPauses, v.maxPauses) };
          const correlation = v.prior === "adopted" && !v.perReading ? measured?.correlation : undefined;
          const told = v.prior && { clim: priors[v.prior], errorCorrelation: correlation, anchorLag: v.anchorLag ?? ACTUAL_LAG_SLOTS, autocorrelation: !v.ar1Prior };
          return simulatePlanner(s, planned, m, { kind: "greenest" }, config, told, v.followPlannedPieces).outcomes;
        });
        const [row] = summarise(s, [["planner-calibrated", { outcomes, tickMs: [] }], ["oracle", { outcomes: oracle, tickMs: [] }]], fam.name);
        return row.fractionOfOracle.toFixed(3) + (row.deadlineMisses > 0 ? ` (${row.deadlineMisses} late)` : "");
      });
      console.log(`| ${r.region} | ${fam.name} | ${cells.join(" | ")} |`);
    }
  }
}

main();
