// Carbon saved by the planner versus baselines on real intensity series: `npm run bench:savings`.
// Options: --every=N (submit jobs every N-th day, default 3), --error-scale=std|level (how the UK
// forecast error is carried to other series, default std), --no-speed (skip the planner timing).
import { mkdirSync, writeFileSync } from "node:fs";
import type { PlannerConfig } from "@/lib/domain/planner";
import { climatology } from "./lib/climatology";
import { calibratedForecast, type ErrorScale, measuredForecastError, measuredMae, perfectForecast } from "./lib/forecast-model";
import { oracleIgnoringConcurrency, oracleSingleServer, simulateCats } from "./lib/baselines";
import { summarise, type PolicyName, type Summary } from "./lib/metrics";
import { loadSeries, type Series } from "./lib/series";
import { type SimResult, simulatePlanner, toldAsWorker } from "./lib/simulate-planner";
import { targetLines } from "./lib/targets";
import { makeFamilies } from "./lib/workloads";
import { BANDS, REGIONS, SEED } from "./lib/regions";
import { medianTick } from "./planner-speed";

const DATA = "/work/shared/data";

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

/** Calibrated-forecast policies are pooled over this many independent error draws (one draw is noisy). */
const ERROR_DRAWS = 3;

function pooled(runs: SimResult[]): SimResult {
  return { outcomes: runs.flatMap((r) => r.outcomes), tickMs: runs.flatMap((r) => r.tickMs) };
}

function runRegion(s: Series, year: string, everyDays: number, how: ErrorScale): { rows: Summary[]; mae: ReturnType<typeof measuredMae> } {
  const regionIndex = REGIONS.findIndex((r) => r.region === s.name);
  const draws = Array.from({ length: ERROR_DRAWS }, (_, k) => calibratedForecast(s, SEED + 100 * regionIndex + k, how));
  const perfect = perfectForecast(s);
  // What the planner is told about the forecasts: the climatology prior and the error by lead (the
  // worker measures the latter from stored forecast versions against actuals).
  const clim = climatology(s);
  const measured = draws.map((m) => measuredForecastError(s, m));
  const finalOnly = draws.map((m) => ({ ...m, forecast: (slot: number) => m.forecast(slot, slot) }));
  const finalMeasured = finalOnly.map((m) => measuredForecastError(s, m));
  const rows: Summary[] = [];
  for (const fam of makeFamilies(s.values.length, everyDays, SEED)) {
    const config: PlannerConfig = { defaultWindowHours: 24, minSavingPercent: 0, hysteresisPercent: 2, maxPauses: fam.maxPauses, stepMinutes: 30, indexBands: BANDS[year] };
    const contended = fam.maxConcurrent === 1;
    const oracle = contended ? oracleSingleServer(s, fam) : oracleIgnoringConcurrency(s, fam);
    const runs: [PolicyName, SimResult][] = [
      ["planner-calibrated", pooled(draws.map((m, k) => simulatePlanner(s, fam, m, { kind: "greenest" }, { ...config, forecastErrorSd: measured[k].sd }, toldAsWorker(clim, measured[k].correlation))))],
      ["planner-perfect", simulatePlanner(s, fam, perfect, { kind: "greenest" }, config)],
      ["naive-index-low", pooled(draws.map((m) => simulatePlanner(s, fam, m, { kind: "threshold", maxIndexBand: "low" }, config)))],
      ["cats", pooled(draws.map((m) => ({ outcomes: simulateCats(s, fam, m), tickMs: [] })))],
      ["oracle", { outcomes: oracle, tickMs: [] }],
      // Diagnostic, not a policy: every forecast carries only the final (< 1 h) error, at any lead, and
      // the planner weighs them as it weighs its own (prior, error measured the same way).
      [
        "planner-final-error-only",
        pooled(finalOnly.map((m, k) => simulatePlanner(s, fam, m, { kind: "greenest" }, { ...config, forecastErrorSd: finalMeasured[k].sd }, toldAsWorker(clim, finalMeasured[k].correlation)))),
      ],
    ];
    if (contended) runs.push(["oracle-bound-ignoring-concurrency", { outcomes: oracleIgnoringConcurrency(s, fam), tickMs: [] }]);
    rows.push(...summarise(s, runs, fam.name));
  }
  return { rows, mae: measuredMae(s, draws[0]) };
}

function main(): void {
  const everyDays = arg("every", 3);
  const how: ErrorScale = process.argv.includes("--error-scale=level") ? "level" : "std";
  const started = performance.now();
  const results: Record<string, unknown> = {};
  const table: string[] = [];
  const maeLines: string[] = [];
  for (const r of REGIONS) {
    const from = `${r.year}-01-01T00:00:00Z`;
    const to = `${Number(r.year) + 1}-01-01T00:00:00Z`;
    const s = loadSeries(`${DATA}/${r.file}`, r.region, from, to);
    const { rows, mae } = runRegion(s, r.year, everyDays, how);
    maeLines.push(`| ${r.region} | ${s.mean.toFixed(1)} | ${mae.final.toFixed(1)} | ${mae.lead0to24.toFixed(1)} | ${mae.lead24to48.toFixed(1)} |`);
    for (const row of rows) {
      const region = (results[r.region] ??= {}) as Record<string, Record<string, unknown>>;
      (region[row.family] ??= {})[row.policy] = {
        savedPercent: row.savedPercent,
        fractionOfOracle: row.fractionOfOracle,
        deadlineMisses: row.deadlineMisses,
        meanDelayMinutes: row.meanDelayMinutes,
        jobs: row.jobs,
      };
      table.push(`| ${r.region} | ${row.family} | ${row.policy} | ${row.savedPercent.toFixed(2)} | ${row.fractionOfOracle.toFixed(3)} | ${row.deadlineMisses} | ${row.meanDelayMinutes.toFixed(0)} | ${row.jobs} |`);
    }
    console.error(`${r.region} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`Sampling: jobs submitted every ${everyDays} days of the year; seed ${SEED}; forecast error scaled by ${how}; calibrated policies pooled over ${ERROR_DRAWS} error draws (jobs column counts job runs).\n`);
  console.log("| region | family | policy | saved % | of oracle | deadline misses | mean delay min | jobs |\n|---|---|---|---:|---:|---:|---:|---:|");
  console.log(table.join("\n"));
  console.log("\nCalibrated forecast error (measured MAE, g/kWh):\n\n| region | mean | final | 0-24 h | 24-48 h |\n|---|---:|---:|---:|---:|");
  console.log(maeLines.join("\n"));
  console.log(`\nTargets per cell (CATS is compared only where it meets every deadline):\n\n${targetLines(results).join("\n")}`);
  let speed: Record<string, { wallMs: number; cpuMs: number }> | undefined;
  if (!process.argv.includes("--no-speed")) {
    speed = { "10000x500": medianTick(10_000, 500, 7) };
    for (const [t, sv] of [[1_000, 500], [5_000, 500], [20_000, 500], [10_000, 100], [10_000, 1_000]]) speed[`${t}x${sv}`] = medianTick(t, sv, 3);
    console.log("\nPlanner time per tick (median, 48 h of 30-min forecasts, 10 zones):\n\n| tasks x servers | wall ms | CPU ms |\n|---|---:|---:|");
    for (const [k, v] of Object.entries(speed)) console.log(`| ${k} | ${v.wallMs.toFixed(0)} | ${v.cpuMs.toFixed(0)} |`);
  }
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const json = { generatedBy: "bench/savings.ts", everyDays, seed: SEED, errorScale: how, errorDraws: ERROR_DRAWS, results, plannerMsPerTick: speed };
  const name = how === "std" ? "savings.json" : `savings-${how}.json`;
  writeFileSync(new URL(`./results/${name}`, import.meta.url), `${JSON.stringify(json, null, 2)}\n`);
  console.error(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main();
