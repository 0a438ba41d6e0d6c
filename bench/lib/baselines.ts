import { cheapestPieces } from "@/lib/domain/planner/split-pieces";
import type { ForecastModel } from "./forecast-model";
import { carbonOfSlots, type Series } from "./series";
import type { Outcome } from "./simulate-planner";
import type { Family, Job } from "./workloads";

const HORIZON = 96;

/**
 * CATS-style single-job rule: at submission, the start with the lowest mean forecast over the job's
 * duration among starts that end within both the deadline and the 48 h forecast horizon. Decided once;
 * the server then runs requests first-come first-served within its concurrency limit (no awareness of
 * other jobs), so collisions delay jobs. Never splits a job.
 */
export function simulateCats(s: Series, fam: Family, model: ForecastModel): Outcome[] {
  const requests = fam.jobs.map((job) => ({ job, at: catsStart(job, model) }));
  requests.sort((a, b) => a.at - b.at || a.job.submit - b.job.submit);
  const capacity = fam.servers * fam.maxConcurrent;
  const running: number[] = [];
  const outcomes: Outcome[] = [];
  let t = 0;
  for (const r of requests) {
    t = Math.max(t, r.at);
    // FIFO: wait until a slot frees up.
    running.sort((a, b) => a - b);
    while (running.filter((end) => end > t).length >= capacity) t = running.find((end) => end > t)!;
    running.push(t + r.job.duration);
    outcomes.push({ job: r.job, pieces: [[t, t + r.job.duration]] });
  }
  return outcomes;
}

function catsStart(job: Job, model: ForecastModel): number {
  const latest = Math.min(job.deadline, job.submit + HORIZON) - job.duration;
  let best = job.submit;
  let bestSum = Infinity;
  for (let st = job.submit; st <= latest; st++) {
    let sum = 0;
    for (let k = st; k < st + job.duration; k++) sum += model.forecast(k, job.submit);
    if (sum < bestSum - 1e-9) [best, bestSum] = [st, sum];
  }
  return best;
}

/** Hindsight per job, ignoring other jobs (exact when concurrency never binds, an upper bound otherwise). */
export function oracleIgnoringConcurrency(s: Series, fam: Family): Outcome[] {
  return fam.jobs.map((job) => {
    if (job.interruptible && fam.maxPauses > 0) {
      const found = cheapestPieces((k) => s.values[k], () => true, job.submit, job.deadline, job.duration, fam.maxPauses + 1)!;
      return { job, pieces: found.runs };
    }
    let best = job.submit;
    for (let st = job.submit; st + job.duration <= job.deadline; st++) {
      if (carbonOfSlots(s, st, st + job.duration) < carbonOfSlots(s, best, best + job.duration) - 1e-9) best = st;
    }
    return { job, pieces: [[best, best + job.duration]] as [number, number][] };
  });
}

/**
 * Exact hindsight for a batch on one server running one job at a time: DP over (time, set of jobs done),
 * where at each free half hour the server idles or starts one remaining job.
 */
export function oracleSingleServer(s: Series, fam: Family): Outcome[] {
  const batches = new Map<number, Job[]>();
  for (const j of fam.jobs) batches.set(j.batch, [...(batches.get(j.batch) ?? []), j]);
  return [...batches.values()].flatMap((jobs) => exactBatch(s, jobs));
}

function exactBatch(s: Series, jobs: Job[]): Outcome[] {
  const n = jobs.length;
  const t0 = Math.min(...jobs.map((j) => j.submit));
  const T = Math.max(...jobs.map((j) => j.deadline)) - t0;
  const full = (1 << n) - 1;
  const f = Array.from({ length: T + 1 }, () => new Float64Array(1 << n).fill(Infinity));
  const how = Array.from({ length: T + 1 }, () => new Int16Array(1 << n).fill(-2));
  f[0][0] = 0;
  for (let t = 0; t < T; t++) {
    for (let mask = 0; mask <= full; mask++) {
      const here = f[t][mask];
      if (here === Infinity) continue;
      if (here < f[t + 1][mask]) [f[t + 1][mask], how[t + 1][mask]] = [here, -1];
      for (let j = 0; j < n; j++) {
        const job = jobs[j];
        const at = t0 + t;
        if (mask & (1 << j) || at < job.submit || at + job.duration > job.deadline) continue;
        const end = t + job.duration;
        const cost = here + carbonOfSlots(s, at, at + job.duration);
        const m2 = mask | (1 << j);
        if (cost < f[end][m2]) [f[end][m2], how[end][m2]] = [cost, j];
      }
    }
  }
  const out: Outcome[] = [];
  let mask = full;
  for (let t = T; t > 0; ) {
    const j = how[t][mask];
    if (j === -1) t--;
    else if (j >= 0) {
      t -= jobs[j].duration;
      out.push({ job: jobs[j], pieces: [[t0 + t, t0 + t + jobs[j].duration]] });
      mask &= ~(1 << j);
    } else throw new Error("contended batch has no feasible schedule");
  }
  return out;
}
