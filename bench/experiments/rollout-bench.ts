// Driver for the value-of-waiting experiment (bench/experiments/rollout.ts, write-up in
// value-of-waiting.md). Each job of a family of continuous jobs with room to spare is planned alone,
// tick by tick, with the prior bench/savings.ts gives the planner; once as the planner decides, once
// with every "start now" checked:
//   --mode=rollout  wait when the rollout expects waiting to be cheaper by more than z standard errors
//   --mode=margin   wait unless starting now is cheaper than the best later start by `margin` percent
// npx tsx bench/experiments/rollout-bench.ts --cells=FR-2020:nightly [--mode=rollout --draws=48 --z=1 | --mode=margin --margin=1] [--error-draws=3]
import type { PlannerConfig, PlannerTask, ZoneForecast } from "@/lib/domain/planner";
import { shrinkForecast } from "@/lib/domain/planner/shrink-forecast";
import { autocorrelationByDay } from "../lib/climatology";
import { calibratedForecast, type ForecastModel, measuredForecastError } from "../lib/forecast-model";
import { carbonOfSlots, SLOT_MS } from "../lib/series";
import { ACTUAL_LAG_SLOTS, toldAsWorker, zoneForecastAt } from "../lib/simulate-planner";
import type { Job } from "../lib/workloads";
import { SEED } from "../lib/regions";
import { argList, type Cell, loadCell, planAlone } from "./cells";
import { bucketsFromErrors, type GaussianView, posterior, valueOfWaiting } from "./rollout";

const arg = (name: string, fallback: string) => argList(name, fallback)[0];
const MODE = arg("mode", "rollout");
const DRAWS = Number(arg("draws", "48"));
const Z = Number(arg("z", "1"));
const MARGIN = Number(arg("margin", "1"));
const ERROR_DRAWS = Number(arg("error-draws", "3"));
type Ctx = { cell: Cell; m: ForecastModel; config: PlannerConfig; rho: number; acfOf: (slot: number) => Float64Array | undefined };

/** The zone as bench/savings.ts shows it to the planner at tick t, and the same model for the experiment. */
function zoneAt(ctx: Ctx, t: number): { zone: ZoneForecast; view: GaussianView } {
  const { s, clim } = ctx.cell;
  const zone = zoneForecastAt(s, ctx.m, t, toldAsWorker(clim, ctx.rho), ctx.acfOf);
  const n = zone.readings.length;
  const u = t - ACTUAL_LAG_SLOTS;
  const acf = ctx.acfOf(u);
  const a = clim.persistence[u];
  const view: GaussianView = {
    n,
    forecast: Float64Array.from(zone.readings, (r) => r.gCO2PerKWh),
    clim: Float64Array.from({ length: n }, (_, i) => clim.mean[t + i]),
    climSd: Float64Array.from({ length: n }, (_, i) => clim.sd[t + i]),
    anchor: { lag: ACTUAL_LAG_SLOTS, value: s.values[u], clim: clim.mean[u] },
    decay: (lag) => (acf && lag < acf.length ? acf[lag] : a ** lag),
    ...bucketsFromErrors(ctx.config.forecastErrorSd!),
    rho: ctx.rho,
  };
  return { zone, view };
}

const stats = { checks: 0, waits: 0, fallbacks: 0, mismatch: 0, rolloutMs: [] as number[] };

/** The start slot one job gets when planned alone; `check` may turn a "start now" into a wait. */
function run(ctx: Ctx, job: Job, check: boolean): number {
  const { s } = ctx.cell;
  const latest = job.deadline - job.duration;
  let current: PlannerTask["current"];
  for (let t = job.submit; t < latest; t++) {
    const { zone, view } = zoneAt(ctx, t);
    const d = planAlone(ctx.cell, job, t, zone, ctx.config, current);
    if (d.action === "wait") {
      current = { serverId: d.serverId, start: d.start };
      continue;
    }
    if (!check) return t;
    // Early in the year the planner has no prior yet (no persistence): nothing to compare with.
    const p = latest - t + job.duration <= view.n && zone.prior!.length > 0 ? posterior(view) : undefined;
    if (!p) {
      stats.fallbacks++;
      return t;
    }
    stats.checks++;
    if (t === job.submit && stats.checks % 97 === 0) {
      // The experiment's posterior must be the planner's.
      const shrunk = shrinkForecast(zone, ctx.config.forecastErrorSd, s.startMs + t * SLOT_MS)!;
      if (shrunk.readings.some((r, i) => Math.abs(r.gCO2PerKWh - p.mean[i]) > 1e-6)) stats.mismatch++;
    }
    if (shouldWait(p, job.duration, latest - t, (t * 7919) ^ job.duration)) {
      stats.waits++;
      current = undefined;
      continue;
    }
    return t;
  }
  return latest;
}

function shouldWait(p: NonNullable<ReturnType<typeof posterior>>, duration: number, latest: number, seed: number): boolean {
  if (MODE === "margin") {
    const sum = (a: number) => p.mean.slice(a, a + duration).reduce((x, y) => x + y, 0);
    let bestLater = Infinity;
    for (let st = 1; st <= latest; st++) bestLater = Math.min(bestLater, sum(st));
    return sum(0) > bestLater * (1 - MARGIN / 100);
  }
  const began = performance.now();
  const v = valueOfWaiting(p, duration, latest, DRAWS, seed);
  stats.rolloutMs.push(performance.now() - began);
  return v.gain > 0 && v.gain > Z * v.se;
}

for (const name of argList("cells", "FR-2020:nightly")) {
  const cell = loadCell(name);
  const { s, fam, oracle } = cell;
  if (fam.maxPauses > 0 || fam.maxConcurrent === 1) throw new Error(`${name}: only families of continuous jobs with room to spare`);
  const sum = { ref: 0, oracle: 0, base: 0, checked: 0 };
  const started = performance.now();
  for (let k = 0; k < ERROR_DRAWS; k++) {
    const m = calibratedForecast(s, SEED + 100 * cell.regionIndex + k, "std");
    const measured = measuredForecastError(s, m);
    const config: PlannerConfig = { defaultWindowHours: 24, minSavingPercent: 0, hysteresisPercent: 2, maxPauses: 0, stepMinutes: 30, forecastErrorSd: measured.sd };
    const ctx: Ctx = { cell, m, config, rho: measured.correlation!, acfOf: autocorrelationByDay(s, cell.clim) };
    for (const job of fam.jobs) {
      const cost = (t: number) => carbonOfSlots(s, t, t + job.duration);
      const o = oracle.get(job.id)!.pieces[0];
      sum.ref += cost(job.submit);
      sum.oracle += carbonOfSlots(s, o[0], o[1]);
      sum.base += cost(run(ctx, job, false));
      sum.checked += cost(run(ctx, job, true));
    }
  }
  const f = (g: number) => ((sum.ref - g) / (sum.ref - sum.oracle)).toFixed(3);
  const median = [...stats.rolloutMs].sort((x, y) => x - y)[stats.rolloutMs.length >> 1];
  const how = MODE === "margin" ? `margin ${MARGIN}%` : `rollout, ${DRAWS} scenarios (median ${median?.toFixed(1)} ms each), z ${Z}`;
  console.log(`${name}: planner ${f(sum.base)}, with ${how} ${f(sum.checked)} (${ERROR_DRAWS} error draws; ${stats.checks} checks, ${stats.waits} turned into waits, ${stats.fallbacks} not checked, ${stats.mismatch} posterior mismatches; ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  Object.assign(stats, { checks: 0, waits: 0, fallbacks: 0, mismatch: 0, rolloutMs: [] });
}
