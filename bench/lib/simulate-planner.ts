import { planTick } from "@/lib/domain/planner";
import type { CarbonPolicy, IntensityPrior, IntensityReading, PlannerConfig, PlannerServer, PlannerTask, ZoneForecast } from "@/lib/domain/planner";
import { RESUME_PRIORITY } from "@/lib/domain/resume-plan";
import { autocorrelationByDay, type Climatology, priorAt } from "./climatology";
import type { ForecastModel } from "./forecast-model";
import { SLOT_MS, type Series } from "./series";
import type { Family, Job } from "./workloads";

/** What happened to one job: the slots it ran in, as [from, to) pieces. */
export type Outcome = { job: Job; pieces: [number, number][] };

export type SimResult = { outcomes: Outcome[]; tickMs: number[] };

const HORIZON = 96; // 48 h of 30-minute forecasts per tick
/**
 * How many half hours before a tick the latest actual is known, as the worker sees it for a UK zone:
 * the API's recorded pt24h snapshots (data folder) lack only the period that just ended in four of
 * five, so at the start of half hour t the actual of t − 2 is the latest (once t − 5).
 */
export const ACTUAL_LAG_SLOTS = 2;

type State = {
  job: Job;
  /** Place in the queue: the worker's priority is queue order (position, then when queued). */
  rank: number;
  remaining: number;
  pieces: [number, number][];
  running?: { server: string; until: number; pieces: [number, number][] };
  /** The server it last ran on: a paused process cannot move. */
  server?: string;
  plan?: { serverId: string; start: Date };
  pauses: number;
};

/**
 * What the planner is told about the forecasts' uncertainty besides `config.forecastErrorSd`, as the
 * worker tells it: a prior from the climatology; for the joint posterior the errors' correlation per
 * half hour; the prior's anomaly read off the actual `anchorLag` half hours before the tick (0: off
 * the current forecast) and fading by its measured autocorrelation (`autocorrelation`) or an AR(1).
 */
export type Uncertainty = { clim: Climatology; errorCorrelation?: number; anchorLag?: number; autocorrelation?: boolean };

/** What the worker tells the planner of a zone with actuals: the prior read off the latest actual, its measured fading, the errors' correlation. */
export function toldAsWorker(clim: Climatology, errorCorrelation: number | undefined): Uncertainty {
  return { clim, errorCorrelation, anchorLag: ACTUAL_LAG_SLOTS, autocorrelation: true };
}

/**
 * Replays a family through the planner tick by tick (30 min): each tick it sees the forecast issued
 * at that tick (48 h ahead), starts what the planner says to start now, runs the first piece, and
 * re-queues a paused interruptible job with what is left. Ticks with nothing queued are skipped.
 */
export function simulatePlanner(
  s: Series,
  fam: Family,
  model: ForecastModel,
  policy: CarbonPolicy,
  config: PlannerConfig,
  told?: Uncertainty,
  /** Interruptible jobs follow every piece planned when they started, instead of being re-planned after each piece. */
  followPlannedPieces = false,
): SimResult {
  const jobs = [...fam.jobs].sort((a, b) => a.submit - b.submit);
  const states: State[] = [];
  const done: Outcome[] = [];
  const tickMs: number[] = [];
  const serverIds = Array.from({ length: fam.servers }, (_, i) => `srv-${i}`);
  let next = 0;
  const lastSlot = Math.max(...jobs.map((j) => j.deadline)) + 1;
  const acfOf = told?.autocorrelation ? autocorrelationByDay(s, told.clim) : undefined;
  for (let t = jobs[0]?.submit ?? 0; t <= lastSlot && (next < jobs.length || states.length > 0); t++) {
    while (next < jobs.length && jobs[next].submit <= t) {
      const job = jobs[next++];
      states.push({ job, rank: next - 1, remaining: job.duration, pieces: [], pauses: 0 });
    }
    finishPieces(states, done, t);
    const queued = states.filter((st) => !st.running);
    if (queued.length === 0) continue;
    const now = new Date(s.startMs + t * SLOT_MS);
    const servers: PlannerServer[] = serverIds.map((id) => ({
      id,
      zone: s.name,
      maxConcurrent: fam.maxConcurrent,
      powerWatts: 1000,
      busy: states.filter((st) => st.running?.server === id).flatMap((st) => st.running!.pieces.filter(([, b]) => b > t).map(([a, b]) => ({ start: new Date(s.startMs + Math.max(a, t) * SLOT_MS), end: new Date(s.startMs + b * SLOT_MS) }))),
    }));
    const tasks: PlannerTask[] = queued.map((st) => toTask(s, st, policy, serverIds, fam.maxPauses, t));
    const started = performance.now();
    const decisions = planTick({ now, tasks, servers, forecasts: [zoneForecastAt(s, model, t, told, acfOf)], config });
    tickMs.push(performance.now() - started);
    const byId = new Map(queued.map((st) => [st.job.id, st]));
    for (const d of decisions) {
      const st = byId.get(d.taskId)!;
      if (d.action === "wait") st.plan = { serverId: d.serverId, start: d.start };
      else if (d.action === "infeasible") start(st, t, { server: serverIds[0], pieces: [[t, t + st.remaining]] });
      else {
        const pieces = d.pieces.map((p, i) => [i === 0 ? t : slotOf(s, p.start), slotOf(s, p.end)] as [number, number]);
        start(st, t, { server: d.serverId, pieces: followPlannedPieces ? pieces : pieces.slice(0, 1) });
      }
    }
  }
  for (const st of states) done.push({ job: st.job, pieces: st.pieces });
  return { outcomes: done, tickMs };
}

function toTask(s: Series, st: State, policy: CarbonPolicy, serverIds: string[], maxPauses: number, t: number): PlannerTask {
  const resumed = st.pieces.length > 0;
  return {
    id: st.job.id,
    durationMinutes: st.remaining * 30,
    deadline: new Date(s.startMs + st.job.deadline * SLOT_MS),
    // As the worker: a paused job is planned ahead of every waiting one, on the server it is paused on.
    priority: resumed ? RESUME_PRIORITY : st.rank,
    policy,
    eligibleServerIds: resumed && st.server ? [st.server] : serverIds,
    interruptible: st.job.interruptible,
    queuedAt: new Date(s.startMs + st.job.submit * SLOT_MS),
    current: st.plan && st.plan.start.getTime() > s.startMs + t * SLOT_MS ? st.plan : undefined,
    // A resumed job's next start is itself a pause (as the worker counts a paused run's pieces).
    pausesLeft: Math.max(0, maxPauses - st.pauses - (resumed ? 1 : 0)),
  };
}

/**
 * Starts the job's next piece (or, following its plan, all its pieces). A piece that starts as the
 * last ends continues it and costs no pause: at a piece end the worker plans the run again before it
 * pauses it, and runs on when the new plan says now.
 */
function start(st: State, t: number, run: { server: string; pieces: [number, number][] }): void {
  for (const [a, b] of run.pieces) {
    const last = st.pieces[st.pieces.length - 1];
    if (last && last[1] === a) last[1] = b;
    else {
      if (last) st.pauses++;
      st.pieces.push([a, b]);
    }
  }
  st.running = { ...run, until: run.pieces[run.pieces.length - 1][1] };
  st.server = run.server;
  st.plan = undefined;
}

function finishPieces(states: State[], done: Outcome[], t: number): void {
  for (let i = states.length - 1; i >= 0; i--) {
    const st = states[i];
    if (!st.running || st.running.until > t) continue;
    const last = st.pieces[st.pieces.length - 1];
    st.remaining = st.job.duration - st.pieces.reduce((sum, [a, b]) => sum + b - a, 0);
    st.running = undefined;
    if (st.remaining <= 0) {
      done.push({ job: st.job, pieces: st.pieces });
      states.splice(i, 1);
    } else if (last[1] !== t) throw new Error("piece bookkeeping");
  }
}

function slotOf(s: Series, d: Date): number {
  return Math.ceil((d.getTime() - s.startMs) / SLOT_MS - 1e-9);
}

/** What the planner sees of the region's zone at tick t: the forecast issued then and, when `told`, its uncertainty. */
export function zoneForecastAt(s: Series, model: ForecastModel, t: number, told?: Uncertainty, acfOf?: (slot: number) => Float64Array | undefined): ZoneForecast {
  return { zone: s.name, readings: readings(s, model, t), ...(told && uncertainty(s, told, model, t, acfOf)) };
}

function readings(s: Series, model: ForecastModel, t: number): IntensityReading[] {
  const out: IntensityReading[] = [];
  const end = Math.min(s.values.length, t + HORIZON);
  for (let k = t; k < end; k++) {
    out.push({
      start: new Date(s.startMs + k * SLOT_MS),
      end: new Date(s.startMs + (k + 1) * SLOT_MS),
      gCO2PerKWh: model.forecast(k, t),
      kind: "forecast",
    });
  }
  return out;
}

/** The zone's prior and what the joint posterior needs at tick t, as `told`. */
function uncertainty(s: Series, told: Uncertainty, model: ForecastModel, t: number, acfOf?: (slot: number) => Float64Array | undefined): Partial<ZoneForecast> {
  const anchor = Math.max(0, t - (told.anchorLag ?? 0));
  const acf = acfOf?.(anchor);
  const p = prior(s, told.clim, model, t, anchor, acf);
  if (told.errorCorrelation === undefined) return { prior: p };
  return {
    prior: p,
    forecastErrorCorrelation: told.errorCorrelation,
    priorPersistence: told.clim.persistence[anchor],
    priorAutocorrelation: acf && Array.from(acf),
    priorAnchoredAt: new Date(s.startMs + anchor * SLOT_MS),
  };
}

/**
 * The planner's prior over the forecast horizon at tick t (slots without history left out), read
 * off the current half hour's forecast or, before it, an actual.
 */
function prior(s: Series, clim: Climatology, model: ForecastModel, t: number, anchor: number, acf?: Float64Array): IntensityPrior[] {
  const end = Math.min(s.values.length, t + HORIZON);
  const out: IntensityPrior[] = [];
  priorAt(clim, anchor, end, anchor < t ? s.values[anchor] : model.forecast(t, t), acf).forEach((p, i) => {
    const k = anchor + i;
    if (!p || k < t) return;
    out.push({ start: new Date(s.startMs + k * SLOT_MS), end: new Date(s.startMs + (k + 1) * SLOT_MS), gCO2PerKWh: p.mean, sdGPerKWh: p.sd, climatologySdGPerKWh: p.climatologySd });
  });
  return out;
}
