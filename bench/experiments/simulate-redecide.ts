// Experiment (bench only): re-deciding a *running* piece of an interruptible job every tick.
// See bench/experiments/redecide-running.ts for the driver and bench/experiments/redecide-running.md for the result.
import { planTick } from "@/lib/domain/planner";
import type {
  CarbonPolicy,
  Decision,
  IntensityPrior,
  IntensityReading,
  PlannerConfig,
  PlannerServer,
  PlannerTask,
  ZoneForecast,
} from "@/lib/domain/planner";
import { shrinkForecast } from "@/lib/domain/planner/shrink-forecast";
import { type Climatology, priorAt } from "../lib/climatology";
import type { ForecastModel } from "../lib/forecast-model";
import { carbonOfSlots, SLOT_MS, type Series } from "../lib/series";
import type { Outcome } from "../lib/simulate-planner";
import type { Family, Job } from "../lib/workloads";

const HORIZON = 96; // 48 h of 30-minute forecasts per tick (as bench/lib/simulate-planner.ts)

export type RedecideStats = {
  /** planTick calls (including re-plans). */
  ticks: number;
  /** Running jobs handed to the planner to re-decide (job-ticks). */
  redecided: number;
  /** Of those, how many the planner paused. */
  pausedRunning: number;
  /** Paused before the end of its current piece as last planned (what the baseline never does). */
  earlyStops: number;
  /** Continued past the end of the piece planned when it started or last continued ("full" only). */
  extensions: number;
  /** Running jobs not re-decided because they had no pause left (job-ticks; they must run on). */
  noPauseLeft: number;
  /**
   * A running job's decision was "wait" with more pieces than its pauses allow once pausing now costs
   * one: the tick was planned again with that job's `pausesLeft` one lower (see `simulateRedecide`).
   */
  replans: number;
  /** Decisions "infeasible" (the job then runs to completion at once, as in the baseline simulator). */
  infeasible: number;
  /** Pauses not taken because the saving was below `pauseThresholdPercent` (diagnostic option). */
  heldByThreshold: number;
  /** Pause-limit violations caught by the simulator's own invariant (must be 0). */
  pauseViolations: number;
  /**
   * Audit of the decisions that differ from the baseline's commitment, in g (1 kW): each early stop and
   * each extension compared with the job's previous plan (its last `start_now` decision, from now on).
   * Predicted = previous plan − new plan on the planner's forecast at this tick (after shrinkage);
   * realised = the same on the actual series. Positive = the new decision is better.
   */
  earlyStopPredictedG: number;
  earlyStopRealisedG: number;
  extensionPredictedG: number;
  extensionRealisedG: number;
};

export type RedecideResult = { outcomes: Outcome[]; stats: RedecideStats };

/**
 * "off": the baseline (a started piece runs to its planned end). "full": a running interruptible job
 * is re-decided every tick (may pause early or run past the planned end). "pause-only" (diagnostic):
 * re-decided every tick but never runs past the end planned when the piece started.
 */
export type RedecideMode = "off" | "full" | "pause-only";

type State = {
  job: Job;
  /** Slots of work not yet done. */
  remaining: number;
  /** Slots run, as merged [from, to) pieces. */
  pieces: [number, number][];
  /** Gaps between pieces so far (a gap is counted when the job resumes, as in the baseline simulator). */
  pauses: number;
  /** Set while the job runs; `until` is the end of the piece the planner planned (used when not re-deciding). */
  running?: { server: string; until: number; forced: boolean };
  /** Last tick's plan of a waiting job, for hysteresis. */
  plan?: { serverId: string; start: Date };
  /** Slots of the last `start_now` plan of a running job (for the audit). */
  runPlan?: [number, number][];
};

/**
 * Replays a family through the planner tick by tick (30 min), one slot of work at a time.
 *
 * `mode: "off"` reproduces bench/lib/simulate-planner.ts exactly (a started piece runs to the end
 * the planner gave it; then what is left is re-queued): the driver checks this slot for slot.
 *
 * `mode: "full"`: every tick a running interruptible job with a pause left is put in the planner's
 * queue with its remaining work, `current` = continuing now on its server, and not in its server's
 * `busy` (its capacity is the planner's to manage). `start_now` on that server: it runs this slot;
 * anything else: it is paused now. Pause accounting (maxPauses = gaps between pieces):
 * - continuing costs no pause, so the planner may use `pausesLeft` = maxPauses − pauses gaps after the
 *   current piece when it continues;
 * - pausing now costs one, so a plan that does not start now may have only maxPauses − pauses pieces.
 *   The planner has one `pausesLeft` for both; when its decision for a running job is "wait" with one
 *   piece too many, the tick is planned again with that job's `pausesLeft` lowered by one (the
 *   planner then picks the best of "continue with ≤ pausesLeft pieces" and "pause, ≤ pausesLeft pieces";
 *   it misses only "continue with pausesLeft + 1 pieces", see redecide-running.md);
 * - a running job with no pause left is never offered to the planner: it runs on, and is `busy`.
 * A job whose remaining work only just fits before its deadline can only start now in the planner's
 * window, so it continues. The invariant "gaps so far + (1 if paused with work left) ≤ maxPauses" is
 * checked every tick; violations are counted (and must be 0).
 */
export function simulateRedecide(
  s: Series,
  fam: Family,
  model: ForecastModel,
  policy: CarbonPolicy,
  config: PlannerConfig,
  clim: Climatology | undefined,
  opts: {
    mode: RedecideMode;
    runningCurrent?: "continue" | "none";
    /**
     * Diagnostic: a running job is paused *before the end of its planned piece* only when the planner's
     * plan saves at least this much (%) versus continuing now to the end (its counterfactual); otherwise
     * it continues this tick, which is always allowed (no pause used; a continuous run from now was
     * feasible, so it stays feasible). Pauses at the planned piece end are not held.
     */
    pauseThresholdPercent?: number;
  },
): RedecideResult {
  const jobs = [...fam.jobs].sort((a, b) => a.submit - b.submit);
  const states: State[] = [];
  const done: Outcome[] = [];
  const stats = emptyStats();
  const serverIds = Array.from({ length: fam.servers }, (_, i) => `srv-${i}`);
  const maxPauses = fam.maxPauses;
  let next = 0;
  const lastSlot = Math.max(...jobs.map((j) => j.deadline)) + 1;
  for (let t = jobs[0]?.submit ?? 0; t <= lastSlot && (next < jobs.length || states.length > 0); t++) {
    while (next < jobs.length && jobs[next].submit <= t) {
      const job = jobs[next++];
      states.push({ job, remaining: job.duration, pieces: [], pauses: 0 });
    }
    // Finished jobs leave; a piece that reached its planned end stops (what is left is re-queued).
    for (let i = states.length - 1; i >= 0; i--) {
      const st = states[i];
      if (st.remaining === 0) {
        done.push({ job: st.job, pieces: st.pieces });
        states.splice(i, 1);
      } else if (st.running && opts.mode !== "full" && !st.running.forced && st.running.until <= t) st.running = undefined;
    }
    checkPauses(states, t, maxPauses, stats);

    // Who the planner decides for this tick.
    const redecided: State[] = [];
    const fixed: State[] = [];
    const idle: State[] = [];
    for (const st of states) {
      if (!st.running) idle.push(st);
      else if (opts.mode !== "off" && st.job.interruptible && !st.running.forced && maxPauses - st.pauses > 0) redecided.push(st);
      else {
        if (opts.mode !== "off" && st.job.interruptible && !st.running.forced) stats.noPauseLeft++;
        fixed.push(st);
      }
    }
    const queued = [...idle, ...redecided];
    if (queued.length > 0) {
      const now = new Date(s.startMs + t * SLOT_MS);
      const at = (slot: number) => new Date(s.startMs + slot * SLOT_MS);
      // Only what runs on regardless of the planner is busy; re-decided jobs are queued, never both.
      const servers: PlannerServer[] = serverIds.map((id) => ({
        id,
        zone: s.name,
        maxConcurrent: fam.maxConcurrent,
        powerWatts: 1000,
        busy: fixed.filter((st) => st.running!.server === id).map((st) => ({ start: now, end: at(endOfFixed(st, t, opts.mode)) })),
      }));
      const forecasts = [{ zone: s.name, readings: readings(s, model, t), prior: clim && prior(s, clim, model, t) }];
      const lowered = new Set<string>();
      const tasksOf = (): PlannerTask[] => [
        ...idle.map((st) => idleTask(s, st, policy, serverIds, maxPauses, t)),
        ...redecided.map((st) =>
          runningTask(s, st, policy, serverIds, maxPauses - st.pauses - (lowered.has(st.job.id) ? 1 : 0), t, opts.runningCurrent !== "none"),
        ),
      ];
      let decisions: Decision[];
      for (;;) {
        stats.ticks++;
        decisions = planTick({ now, tasks: tasksOf(), servers, forecasts, config });
        const illegal = decisions.filter((d) => {
          const st = redecided.find((x) => x.job.id === d.taskId);
          if (!st || lowered.has(st.job.id) || continues(d, st)) return false;
          // Pausing now costs one: the plan after it may have at most maxPauses − pauses pieces.
          return d.action === "wait" && d.pieces.length > maxPauses - st.pauses;
        });
        if (illegal.length === 0) break;
        stats.replans += illegal.length;
        for (const d of illegal) lowered.add(d.taskId);
      }
      const byId = new Map(queued.map((st) => [st.job.id, st]));
      for (const d of decisions) {
        const st = byId.get(d.taskId)!;
        const wasRunning = st.running !== undefined;
        if (wasRunning) stats.redecided++;
        if (
          d.action === "wait" &&
          wasRunning &&
          t < st.running!.until &&
          opts.pauseThresholdPercent !== undefined &&
          d.savingPercent < opts.pauseThresholdPercent
        ) {
          // Held: it runs on this tick with its previous plan (continuing costs no pause, and a
          // continuous run from now was feasible, so the deadline stays safe).
          if (!Number.isFinite(d.counterfactualCarbonG)) throw new Error(`${st.job.id}: no counterfactual to continue on`);
          stats.heldByThreshold++;
          continue;
        }
        if (wasRunning && d.action !== "infeasible" && st.runPlan) {
          const early = d.action === "wait" && t < st.running!.until;
          const extended = d.action === "start_now" && t >= st.running!.until;
          if (early || extended) {
            const [predicted, realised] = audit(s, forecasts[0], config, now, t, st, d.pieces.map((p) => [slotOf(s, p.start), slotOf(s, p.end)]));
            if (early) [stats.earlyStopPredictedG, stats.earlyStopRealisedG] = [stats.earlyStopPredictedG + predicted, stats.earlyStopRealisedG + realised];
            else [stats.extensionPredictedG, stats.extensionRealisedG] = [stats.extensionPredictedG + predicted, stats.extensionRealisedG + realised];
          }
        }
        if (d.action === "infeasible") {
          stats.infeasible++;
          st.running = { server: st.running?.server ?? serverIds[0], until: t + st.remaining, forced: true };
          st.plan = undefined;
        } else if (d.action === "start_now") {
          if (wasRunning && d.serverId !== st.running!.server) throw new Error(`${st.job.id}: moved while running (not modelled)`);
          if (wasRunning && t >= st.running!.until) stats.extensions++;
          // "pause-only": continuing never runs past the piece's planned end.
          const until = wasRunning && opts.mode === "pause-only" ? st.running!.until : slotOf(s, d.pieces[0].end);
          st.running = { server: d.serverId, until, forced: false };
          st.plan = undefined;
          if (!wasRunning || opts.mode === "full") st.runPlan = d.pieces.map((p) => [slotOf(s, p.start), slotOf(s, p.end)]);
        } else {
          if (wasRunning) {
            stats.pausedRunning++;
            if (t < st.running!.until) stats.earlyStops++;
            if (maxPauses - st.pauses <= 0) stats.pauseViolations++; // never happens: such jobs are not offered
            st.running = undefined;
          }
          st.plan = { serverId: d.serverId, start: d.start };
        }
      }
    }
    // Run slot t for every running job.
    for (const st of states) {
      if (!st.running) continue;
      const last = st.pieces[st.pieces.length - 1];
      if (last && last[1] === t) last[1] = t + 1;
      else {
        if (last) st.pauses++;
        st.pieces.push([t, t + 1]);
      }
      st.remaining--;
    }
  }
  for (const st of states) done.push({ job: st.job, pieces: st.pieces });
  return { outcomes: done, stats };
}

/** Gaps so far, plus the one a paused job with work left has committed to, never exceed maxPauses. */
function checkPauses(states: State[], t: number, maxPauses: number, stats: RedecideStats): void {
  for (const st of states) {
    const pausedNow = !st.running && st.pieces.length > 0 && st.remaining > 0 && st.pieces[st.pieces.length - 1][1] < t;
    if (st.pauses + (pausedNow ? 1 : 0) > maxPauses) stats.pauseViolations++;
  }
}

function endOfFixed(st: State, t: number, mode: RedecideMode): number {
  // Not re-decided: to completion ("full": no pause left; infeasible), else the planned piece end.
  return mode === "full" || st.running!.forced ? t + st.remaining : st.running!.until;
}

export function emptyStats(): RedecideStats {
  return {
    ticks: 0,
    redecided: 0,
    pausedRunning: 0,
    earlyStops: 0,
    extensions: 0,
    noPauseLeft: 0,
    replans: 0,
    infeasible: 0,
    heldByThreshold: 0,
    pauseViolations: 0,
    earlyStopPredictedG: 0,
    earlyStopRealisedG: 0,
    extensionPredictedG: 0,
    extensionRealisedG: 0,
  };
}

/** [predicted, realised] gain in g of the new plan over the rest of the job's previous plan (see RedecideStats). */
function audit(s: Series, forecast: ZoneForecast, config: PlannerConfig, now: Date, t: number, st: State, next: [number, number][]): [number, number] {
  const previous = st.runPlan!.map(([a, b]) => [Math.max(a, t), b] as [number, number]).filter(([a, b]) => b > a);
  const work = (ps: [number, number][]) => ps.reduce((n, [a, b]) => n + b - a, 0);
  if (work(previous) !== st.remaining || work(next) !== st.remaining) throw new Error(`${st.job.id}: audit plans do not cover the remaining work`);
  const shrunk = shrinkForecast(forecast, config.forecastErrorSd, now.getTime())!.readings;
  const planned = (ps: [number, number][]) => ps.reduce((g, [a, b]) => g + shrunk.slice(a - t, b - t).reduce((x, r) => x + r.gCO2PerKWh * 0.5, 0), 0);
  const actual = (ps: [number, number][]) => ps.reduce((g, [a, b]) => g + carbonOfSlots(s, a, b), 0);
  return [planned(previous) - planned(next), actual(previous) - actual(next)];
}

function continues(d: Decision, st: State): boolean {
  return d.action === "start_now" && d.serverId === st.running!.server;
}

function idleTask(s: Series, st: State, policy: CarbonPolicy, serverIds: string[], maxPauses: number, t: number): PlannerTask {
  const resumed = st.pieces.length > 0;
  const pausesLeft = maxPauses - st.pauses - (resumed ? 1 : 0);
  // A paused job always has its resume pause left (the invariant checked each tick).
  if (pausesLeft < 0) throw new Error(`${st.job.id}: paused with no pause left`);
  return {
    ...base(s, st, policy, serverIds),
    current: st.plan && st.plan.start.getTime() > s.startMs + t * SLOT_MS ? st.plan : undefined,
    // A resumed job's next start after a gap is itself a pause.
    pausesLeft,
  };
}

function runningTask(
  s: Series,
  st: State,
  policy: CarbonPolicy,
  serverIds: string[],
  pausesLeft: number,
  t: number,
  withCurrent: boolean,
): PlannerTask {
  return {
    ...base(s, st, policy, serverIds),
    // Continuing now, as one run to the end: hysteresis keeps it unless pausing is > hysteresisPercent cheaper.
    current: withCurrent ? { serverId: st.running!.server, start: new Date(s.startMs + t * SLOT_MS) } : undefined,
    pausesLeft,
  };
}

function base(s: Series, st: State, policy: CarbonPolicy, serverIds: string[]) {
  return {
    id: st.job.id,
    durationMinutes: st.remaining * 30,
    deadline: new Date(s.startMs + st.job.deadline * SLOT_MS),
    priority: 1,
    policy,
    eligibleServerIds: serverIds,
    interruptible: st.job.interruptible,
    queuedAt: new Date(s.startMs + st.job.submit * SLOT_MS),
  };
}

function slotOf(s: Series, d: Date): number {
  return Math.ceil((d.getTime() - s.startMs) / SLOT_MS - 1e-9);
}

// The two helpers below are copies of the private ones in bench/lib/simulate-planner.ts (not exported there).
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

function prior(s: Series, clim: Climatology, model: ForecastModel, t: number): IntensityPrior[] {
  const end = Math.min(s.values.length, t + HORIZON);
  const out: IntensityPrior[] = [];
  priorAt(clim, t, end, model.forecast(t, t)).forEach((p, i) => {
    if (!p) return;
    const k = t + i;
    out.push({ start: new Date(s.startMs + k * SLOT_MS), end: new Date(s.startMs + (k + 1) * SLOT_MS), gCO2PerKWh: p.mean, sdGPerKWh: p.sd });
  });
  return out;
}
