// Experiment: does re-deciding a running piece of an interruptible job every tick raise the planner's
// fraction of the oracle's saving (interruptible family)?
// `npx tsx bench/experiments/redecide-running.ts [--regions=GB-2020,DE-2025] [--no-perfect] [--check] [--diag] [--error-sd=model|measured]`
// Same set-up as bench/uncertainty-variants.ts (every 3rd day, SEED, 3 pooled error draws, adopted prior).
// The planner is told the error by lead of the model (`errorSdByLead(m.scale)`, default) or, with
// `--error-sd=measured`, the error measured from the draw as the worker would (`measuredErrorSdByLead`,
// what bench/uncertainty-variants.ts uses since commit 4e6ada9). `--check` first verifies that the new simulator with re-deciding off reproduces
// bench/lib/simulate-planner.ts slot for slot (every draw). `--diag` adds two diagnostic variants.
// Exits 1 if any run has a deadline miss or a pause-limit violation. Result: bench/experiments/redecide-running.md.
import type { PlannerConfig } from "@/lib/domain/planner";
import { oracleIgnoringConcurrency } from "../lib/baselines";
import { climatology } from "../lib/climatology";
import { calibratedForecast, errorSdByLead, type ForecastModel, measuredErrorSdByLead, perfectForecast } from "../lib/forecast-model";
import { summarise } from "../lib/metrics";
import { REGIONS, SEED } from "../lib/regions";
import { loadSeries, type Series } from "../lib/series";
import { type Outcome, simulatePlanner } from "../lib/simulate-planner";
import { type Family, makeFamilies } from "../lib/workloads";
import { emptyStats, type RedecideMode, type RedecideStats, simulateRedecide } from "./simulate-redecide";

function list(name: string, fallback: string[]): string[] {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.split("=")[1].split(",") : fallback;
}

const gaps = (o: Outcome) => Math.max(0, o.pieces.length - 1);
const meanPauses = (os: Outcome[]) => os.reduce((n, o) => n + gaps(o), 0) / os.length;
/** Pieces are non-empty, ordered and not touching (touching pieces would hide a gap from the count). */
const wellFormed = (o: Outcome) => o.pieces.every(([a, b], i) => b > a && (i === 0 || a > o.pieces[i - 1][1]));
const overLimit = (os: Outcome[], maxPauses: number) => os.filter((o) => gaps(o) > maxPauses || !wellFormed(o)).length;

type Cell = { saved: number; fraction: number; misses: number; violations: number; pauses: number; delay: number; perDraw: number[] };
type Variant = { name: string; label: string; mode: RedecideMode | "baseline"; runningCurrent?: "continue" | "none"; pauseThresholdPercent?: number };
type Row = { region: string; forecast: string; oracle: number; oraclePauses: number; cells: Map<string, Cell>; stats: Map<string, RedecideStats> };

const BASELINE: Variant = { name: "baseline", label: "baseline (simulate-planner.ts)", mode: "baseline" };
const MAIN: Variant = { name: "redecide", label: "re-decide every tick", mode: "full" };
const DIAG: Variant[] = [
  { name: "redecide-no-current", label: "re-decide, no `current` for running jobs (no hysteresis toward continuing)", mode: "full", runningCurrent: "none" },
  { name: "pause-only", label: "re-decide, may pause early but never run past the planned piece end", mode: "pause-only" },
  { name: "threshold-5", label: "re-decide, a running job pauses before its planned piece end only if that saves ≥ 5% vs continuing to the end", mode: "full", pauseThresholdPercent: 5 },
  { name: "threshold-10", label: "re-decide, a running job pauses before its planned piece end only if that saves ≥ 10% vs continuing to the end", mode: "full", pauseThresholdPercent: 10 },
];

function fraction(s: Series, fam: Family, outcomes: Outcome[], oracle: Outcome[]) {
  const [row, o] = summarise(s, [["planner-calibrated", { outcomes, tickMs: [] }], ["oracle", { outcomes: oracle, tickMs: [] }]], fam.name);
  return { row, oracleSaved: o.savedPercent };
}

function sameOutcomes(a: Outcome[], b: Outcome[]): boolean {
  const key = (os: Outcome[]) => JSON.stringify([...os].sort((x, y) => (x.job.id < y.job.id ? -1 : 1)).map((o) => [o.job.id, o.pieces]));
  return key(a) === key(b);
}

function main(): void {
  const regions = list("regions", REGIONS.map((r) => r.region));
  const withPerfect = !process.argv.includes("--no-perfect");
  const check = process.argv.includes("--check");
  const measured = process.argv.includes("--error-sd=measured");
  const variants = [BASELINE, MAIN, ...(process.argv.includes("--diag") ? DIAG : [])];
  const started = performance.now();
  const rows: Row[] = [];
  for (const r of REGIONS.filter((x) => regions.includes(x.region))) {
    const regionIndex = REGIONS.indexOf(r);
    const s = loadSeries(`/work/shared/data/${r.file}`, r.region, `${r.year}-01-01T00:00:00Z`, `${Number(r.year) + 1}-01-01T00:00:00Z`);
    const draws = [0, 1, 2].map((k) => calibratedForecast(s, SEED + 100 * regionIndex + k, "std"));
    const clim = climatology(s);
    const fam = makeFamilies(s.values.length, 3, SEED).find((f) => f.name === "interruptible")!;
    const oracle = oracleIgnoringConcurrency(s, fam);
    const base: PlannerConfig = { defaultWindowHours: 24, minSavingPercent: 0, hysteresisPercent: 2, maxPauses: fam.maxPauses, stepMinutes: 30 };
    const runs: { name: string; models: ForecastModel[]; calibrated: boolean }[] = [{ name: "calibrated", models: draws, calibrated: true }];
    if (withPerfect) runs.push({ name: "perfect", models: [perfectForecast(s)], calibrated: false });
    for (const run of runs) {
      const row: Row = { region: r.region, forecast: run.name, oracle: NaN, oraclePauses: meanPauses(oracle), cells: new Map(), stats: new Map() };
      for (const v of variants) {
        const stats = emptyStats();
        const pooled: Outcome[] = [];
        const perDraw: number[] = [];
        run.models.forEach((m, k) => {
          // Calibrated: the adopted prior and error by lead (uncertainty-variants "prior"); perfect: as bench/savings.ts.
          const config = run.calibrated ? { ...base, forecastErrorSd: measured ? measuredErrorSdByLead(s, m) : errorSdByLead(m.scale) } : base;
          const c = run.calibrated ? clim : undefined;
          let outcomes: Outcome[];
          if (v.mode === "baseline") {
            outcomes = simulatePlanner(s, fam, m, { kind: "greenest" }, config, c && { clim: c }).outcomes;
            if (check) {
              const again = simulateRedecide(s, fam, m, { kind: "greenest" }, config, c, { mode: "off" });
              if (!sameOutcomes(outcomes, again.outcomes) || again.stats.pauseViolations > 0) {
                throw new Error(`${r.region} ${run.name} draw ${k}: the new simulator with re-deciding off differs from simulate-planner`);
              }
              console.error(`${r.region} ${run.name} draw ${k}: re-deciding off reproduces simulate-planner (${outcomes.length} jobs)`);
            }
          } else {
            const res = simulateRedecide(s, fam, m, { kind: "greenest" }, config, c, {
              mode: v.mode,
              runningCurrent: v.runningCurrent,
              pauseThresholdPercent: v.pauseThresholdPercent,
            });
            outcomes = res.outcomes;
            for (const key of Object.keys(res.stats) as (keyof RedecideStats)[]) stats[key] += res.stats[key];
          }
          pooled.push(...outcomes);
          perDraw.push(fraction(s, fam, outcomes, oracle).row.fractionOfOracle);
        });
        const { row: sum, oracleSaved } = fraction(s, fam, pooled, oracle);
        row.oracle = oracleSaved;
        row.cells.set(v.name, {
          saved: sum.savedPercent,
          fraction: sum.fractionOfOracle,
          misses: sum.deadlineMisses,
          violations: overLimit(pooled, fam.maxPauses) + stats.pauseViolations,
          pauses: meanPauses(pooled),
          delay: sum.meanDelayMinutes,
          perDraw,
        });
        row.stats.set(v.name, stats);
      }
      rows.push(row);
      console.error(`${r.region} ${run.name} done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  console.log(`Planner told the forecast error by lead: ${measured ? "measured from each draw (measuredErrorSdByLead)" : "the model's (errorSdByLead(m.scale))"}.`);
  print(rows, variants);
  console.error(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const bad = rows.flatMap((x) => [...x.cells].filter(([, c]) => c.misses > 0 || c.violations > 0).map(([v]) => `${x.region} ${x.forecast} ${v}`));
  if (bad.length > 0) {
    console.error(`FAILURES (deadline misses or pause-limit violations): ${bad.join(", ")}`);
    process.exitCode = 1;
  }
}

function print(rows: Row[], variants: Variant[]): void {
  const f3 = (x: number) => x.toFixed(3);
  const pts = (a: number, b: number) => `${a - b >= 0 ? "+" : ""}${((a - b) * 100).toFixed(1)}`;
  for (const forecast of ["calibrated", "perfect"]) {
    const rs = rows.filter((x) => x.forecast === forecast);
    if (rs.length === 0) continue;
    const draws = rs[0].cells.get("baseline")!.perDraw.length;
    console.log(`\n### interruptible family, ${forecast} forecasts${forecast === "calibrated" ? ` (adopted prior, ${draws} pooled error draws)` : ""}\n`);
    console.log(
      "| region | oracle saved % | baseline saved % (of oracle) | re-decide saved % (of oracle) | Δ points of oracle" +
        (draws > 1 ? " (per draw)" : "") +
        " | deadline misses base / re-decide | pause-limit violations base / re-decide | mean pauses per job base / re-decide (oracle) | mean delay min base / re-decide |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const x of rs) {
      const b = x.cells.get("baseline")!;
      const v = x.cells.get("redecide")!;
      const perDraw = draws > 1 ? ` (${v.perDraw.map((f, k) => pts(f, b.perDraw[k])).join(", ")})` : "";
      console.log(
        `| ${x.region} | ${x.oracle.toFixed(2)} | ${b.saved.toFixed(2)} (${f3(b.fraction)}) | ${v.saved.toFixed(2)} (${f3(v.fraction)}) | ${pts(v.fraction, b.fraction)}${perDraw} | ${b.misses} / ${v.misses} | ${b.violations} / ${v.violations} | ${b.pauses.toFixed(2)} / ${v.pauses.toFixed(2)} (${x.oraclePauses.toFixed(2)}) | ${b.delay.toFixed(0)} / ${v.delay.toFixed(0)} |`,
      );
    }
    for (const v of variants.filter((y) => y.mode !== "baseline")) {
      console.log(`\n${v.label}: simulator counters (job-ticks; pooled over draws)\n`);
      console.log(
        "| region | running jobs re-decided | paused | of which before the planned piece end (early stops) | continued past it (extensions) | no pause left (run on, not offered) | re-plans (wait with one piece too many) | infeasible | pauses held by threshold | planTick calls | early stops: gain predicted / realised, g per stop | extensions: gain predicted / realised, g per extension |",
      );
      console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      const per = (g: number, n: number) => (n > 0 ? (g / n).toFixed(0) : "–");
      for (const x of rs) {
        const st = x.stats.get(v.name)!;
        console.log(
          `| ${x.region} | ${st.redecided} | ${st.pausedRunning} | ${st.earlyStops} | ${st.extensions} | ${st.noPauseLeft} | ${st.replans} | ${st.infeasible} | ${st.heldByThreshold} | ${st.ticks} | ${per(st.earlyStopPredictedG, st.earlyStops)} / ${per(st.earlyStopRealisedG, st.earlyStops)} | ${per(st.extensionPredictedG, st.extensions)} / ${per(st.extensionRealisedG, st.extensions)} |`,
        );
      }
      if (v === MAIN) continue;
      console.log(`\nDiagnostic, ${v.label}:\n`);
      console.log("| region | saved % (of oracle) | Δ points vs baseline | deadline misses | pause-limit violations | mean pauses per job |");
      console.log("|---|---:|---:|---:|---:|---:|");
      for (const x of rs) {
        const b = x.cells.get("baseline")!;
        const d = x.cells.get(v.name)!;
        console.log(`| ${x.region} | ${d.saved.toFixed(2)} (${f3(d.fraction)}) | ${pts(d.fraction, b.fraction)} | ${d.misses} | ${d.violations} | ${d.pauses.toFixed(2)} |`);
      }
    }
  }
}

main();
