// Where the calibrated planner loses against the oracle (diagnostic, bench only):
// `npx tsx bench/experiments/diagnose-losses.ts --cells=FR-2020:nightly,FR-2025:adhoc`
// 1. Split of the loss by when the planner's first piece started relative to the oracle's (3 draws, as
//    bench/savings.ts runs it). 2. An upper bound on any go/wait layer over the planner (1 draw): each
//    job planned alone, every "start now" overridden to wait until the latest start, and hindsight
//    picking the best of those moments.
import type { PlannerConfig, PlannerTask } from "@/lib/domain/planner";
import { autocorrelationByDay } from "../lib/climatology";
import { calibratedForecast, type ForecastModel, measuredForecastError } from "../lib/forecast-model";
import { carbonOfSlots } from "../lib/series";
import { simulatePlanner, toldAsWorker, type Uncertainty, zoneForecastAt } from "../lib/simulate-planner";
import type { Job } from "../lib/workloads";
import { SEED } from "../lib/regions";
import { argList, type Cell, loadCell, planAlone } from "./cells";

const configOf = (cell: Cell, sd: PlannerConfig["forecastErrorSd"]): PlannerConfig => ({ defaultWindowHours: 24, minSavingPercent: 0, hysteresisPercent: 2, maxPauses: cell.fam.maxPauses, stepMinutes: 30, forecastErrorSd: sd });

function lossSplit(cell: Cell): string {
  const { s, fam, clim, oracle } = cell;
  const cost = (p: [number, number][]) => p.reduce((x, [a, b]) => x + carbonOfSlots(s, a, b), 0);
  const sum = { ref: 0, oracle: 0, got: 0 };
  const split = { early: [0, 0], late: [0, 0], same: [0, 0], atSubmission: [0, 0] };
  for (let k = 0; k < 3; k++) {
    const m = calibratedForecast(s, SEED + 100 * cell.regionIndex + k, "std");
    const measured = measuredForecastError(s, m);
    for (const o of simulatePlanner(s, fam, m, { kind: "greenest" }, configOf(cell, measured.sd), toldAsWorker(clim, measured.correlation)).outcomes) {
      const best = oracle.get(o.job.id)!;
      const loss = cost(o.pieces) - cost(best.pieces);
      sum.ref += carbonOfSlots(s, o.job.submit, o.job.submit + o.job.duration);
      sum.oracle += cost(best.pieces);
      sum.got += cost(o.pieces);
      const ds = o.pieces[0][0] - best.pieces[0][0];
      const bucket = ds < 0 ? split.early : ds > 0 ? split.late : split.same;
      bucket[0] += loss;
      bucket[1]++;
      if (o.pieces[0][0] === o.job.submit) {
        split.atSubmission[0] += loss;
        split.atSubmission[1]++;
      }
    }
  }
  const saving = sum.ref - sum.oracle;
  const share = ([g, n]: number[]) => `${(g / saving).toFixed(3)} (${n} job runs)`;
  return `fraction ${((sum.ref - sum.got) / saving).toFixed(3)}; loss as a share of the oracle's saving: first piece earlier than the oracle's ${share(split.early)}, later ${share(split.late)}, same ${share(split.same)}; of which started at submission ${share(split.atSubmission)}`;
}

function goMoments(cell: Cell, m: ForecastModel, config: PlannerConfig, told: Uncertainty, acfOf: (slot: number) => Float64Array | undefined, job: Job): number[] {
  const latest = job.deadline - job.duration;
  const moments: number[] = [];
  let current: PlannerTask["current"];
  for (let t = job.submit; t < latest; t++) {
    const d = planAlone(cell, job, t, zoneForecastAt(cell.s, m, t, told, acfOf), config, current);
    if (d.action === "start_now") {
      moments.push(t);
      current = undefined;
    } else if (d.action === "wait") current = { serverId: d.serverId, start: d.start };
  }
  return [...moments, latest];
}

function goWaitBound(cell: Cell): string {
  const { s, fam, oracle } = cell;
  if (fam.maxPauses > 0 || fam.maxConcurrent === 1) return "go/wait bound: only for families of continuous jobs with room to spare";
  const m = calibratedForecast(s, SEED + 100 * cell.regionIndex, "std");
  const measured = measuredForecastError(s, m);
  const config = configOf(cell, measured.sd);
  const acfOf = autocorrelationByDay(s, cell.clim);
  const sum = { ref: 0, oracle: 0, first: 0, best: 0, moments: 0 };
  for (const job of fam.jobs) {
    const cost = (t: number) => carbonOfSlots(s, t, t + job.duration);
    const moments = goMoments(cell, m, config, toldAsWorker(cell.clim, measured.correlation), acfOf, job);
    const o = oracle.get(job.id)!.pieces[0];
    sum.ref += cost(job.submit);
    sum.oracle += carbonOfSlots(s, o[0], o[1]);
    sum.first += cost(moments[0]);
    sum.best += Math.min(...moments.map(cost));
    sum.moments += moments.length;
  }
  const f = (g: number) => ((sum.ref - g) / (sum.ref - sum.oracle)).toFixed(3);
  return `go/wait bound (1 draw, jobs planned alone; prior as bench/savings.ts): planner ${f(sum.first)}, best of its go-moments in hindsight ${f(sum.best)} (${(sum.moments / fam.jobs.length).toFixed(1)} per job)`;
}

for (const name of argList("cells", "FR-2025:adhoc")) {
  const cell = loadCell(name);
  console.log(`${name}: ${lossSplit(cell)}\n  ${goWaitBound(cell)}`);
}
