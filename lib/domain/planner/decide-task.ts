import { meanIntensity, round, slotWhen, toPieces, zoneWarnings } from "./describe";
import type { TimeGrid, ZoneGrid } from "./intensity-grid";
import { meetsThreshold } from "./index-bands";
import {
  type Candidate,
  continuousAt,
  type CostCache,
  earliestFit,
  firstMeeting,
  greenestContinuous,
  greenestPieces,
  keepCurrent,
  latestFit,
  type Placement,
  startNow,
  type TaskWindow,
} from "./placement";
import type { Decision, IndexBands, PlannerConfig, PlannerTask } from "./types";

export type TickContext = {
  grid: TimeGrid;
  config: PlannerConfig;
  bands: IndexBands;
  zones: Map<string, ZoneGrid>;
  /** One search view per server id, in server id order. */
  candidates: Map<string, Candidate>;
  cache: CostCache;
};

/** Outcome for one task; `placement` is what the caller must reserve. The decision is built lazily (strings cost). */
export type TaskOutcome = {
  decide: () => Decision;
  placement?: Placement;
  blockedByCapacity: boolean;
  /** Set when capacity kept the task from its cheapest (server, start): the server it would have liked. */
  displacedFrom?: string;
};

type Choice = { placement: Placement; reason: () => string; cf?: Placement; usedMissing?: boolean; displacedFrom?: string };

/**
 * A start chosen jointly with the other `sharing` tasks queued on a one-at-a-time server
 * (sequence-servers.ts): the greenest policy takes it instead of its own search when it still fits.
 */
export type Pin = { candidate: Candidate; startSlot: number; sharing: number };

const HOUR = 3_600_000;

export function effectiveDeadlineMs(task: PlannerTask, config: PlannerConfig): number {
  // An unreadable deadline is none: one bad row must not make the whole tick's horizon NaN.
  if (task.deadline && Number.isFinite(task.deadline.getTime())) return task.deadline.getTime();
  // No deadline: the start may move by at most defaultWindowHours from queuing.
  return task.queuedAt.getTime() + config.defaultWindowHours * HOUR + task.durationMinutes * 60_000;
}

export function taskWindow(grid: TimeGrid, task: PlannerTask, config: PlannerConfig): TaskWindow | undefined {
  const length = (task.durationMinutes * 60_000) / grid.stepMs;
  const deadlineX = (effectiveDeadlineMs(task, config) - grid.t0) / grid.stepMs;
  const latestX = Math.min(deadlineX, grid.slots) - length;
  if (!(length > 0) || latestX < grid.offset0 - 1e-9) return undefined;
  const latestS = Math.min(Math.floor(latestX + 1e-9), grid.slots - 1);
  const deadlineSlot = Math.min(Math.floor(deadlineX + 1e-9), grid.slots);
  return { length, latestX, latestS, deadlineSlot };
}

export function decideTask(ctx: TickContext, task: PlannerTask, pin?: Pin): TaskOutcome {
  const infeasible = (reason: string, blockedByCapacity = false): TaskOutcome => ({
    decide: () => ({ taskId: task.id, action: "infeasible", reason }),
    blockedByCapacity,
  });
  if (!(task.durationMinutes > 0)) return infeasible("duration must be positive");
  const w = taskWindow(ctx.grid, task, ctx.config);
  if (!w) return infeasible(`deadline cannot be met: needs ${task.durationMinutes} min from now`);
  const all = candidatesOf(ctx, task);
  if (all.length === 0) return infeasible("no eligible server is known to the planner");
  const withData = all.filter((c) => c.zone.status !== "missing");
  const missing = all.filter((c) => c.zone.status === "missing");

  const choice =
    task.policy.kind === "run_now"
      ? runNow(ctx, all, w)
      : withData.length === 0
        ? missingData(ctx, missing, w)
        : task.policy.kind === "threshold"
          ? threshold(ctx, task, withData, w) ?? missingData(ctx, missing, w)
          : greenest(ctx, task, withData, w, pin) ?? missingData(ctx, missing, w);
  if (!choice) return infeasible("no capacity on any eligible server before the deadline", true);
  return {
    decide: () => toDecision(ctx, task, all, choice),
    placement: choice.placement,
    blockedByCapacity: false,
    displacedFrom: choice.displacedFrom,
  };
}

function candidatesOf(ctx: TickContext, task: PlannerTask): Candidate[] {
  const ids = task.eligibleServerIds.length > 1 ? [...new Set(task.eligibleServerIds)].sort() : task.eligibleServerIds;
  const out: Candidate[] = [];
  for (const id of ids) {
    const c = ctx.candidates.get(id);
    if (c) out.push(c);
  }
  return out;
}

function runNow(ctx: TickContext, all: Candidate[], w: TaskWindow): Choice | undefined {
  const p = earliestFit(ctx.grid, ctx.cache, all, w);
  if (!p) return undefined;
  const late = p.runs[0][0] > ctx.grid.offset0;
  return { placement: p, reason: () => (late ? `no free slot until ${slotWhen(ctx.grid, p.runs[0][0])} (policy: run now)` : "starting now (policy: run now)") };
}

function missingData(ctx: TickContext, missing: Candidate[], w: TaskWindow): Choice | undefined {
  const p = earliestFit(ctx.grid, ctx.cache, missing, w);
  if (!p) return undefined;
  const reason = () => {
    const zones = [...new Set(missing.map((c) => c.zone.zone))].join(", ");
    const when = p.runs[0][0] > ctx.grid.offset0 ? ` (${slotWhen(ctx.grid, p.runs[0][0])}, first free slot)` : "";
    return `no forecast for zone ${zones}; starting as early as possible${when} so the deadline is safe`;
  };
  return { placement: p, reason, usedMissing: true };
}

function threshold(ctx: TickContext, task: PlannerTask, cands: Candidate[], w: TaskWindow): Choice | undefined {
  if (task.policy.kind !== "threshold") return undefined;
  const policy = task.policy;
  const limit = [policy.maxGPerKWh !== undefined ? `≤ ${policy.maxGPerKWh} g/kWh` : "", policy.maxIndexBand ? `index ≤ ${policy.maxIndexBand}` : ""]
    .filter(Boolean)
    .join(" and ");
  const cf = startNow(ctx.grid, ctx.cache, cands, w, false);
  const met = firstMeeting(ctx.grid, ctx.cache, cands, w, (z, k) => meetsThreshold(z, k, policy, ctx.bands));
  if (met) {
    const now = met.runs[0][0] <= ctx.grid.offset0;
    const at = round(met.candidate.zone.values[Math.floor(met.runs[0][0])]);
    const reason = () => now
      ? `starting now: ${at} g/kWh meets the threshold (${limit || "none set"})`
      : `waiting for ${slotWhen(ctx.grid, met.runs[0][0])}, first time the forecast meets ${limit} (${at} g/kWh)`;
    return { placement: met, reason, cf };
  }
  const forced = latestFit(ctx.grid, ctx.cache, cands, w);
  if (!forced) return undefined;
  const at = slotWhen(ctx.grid, forced.runs[0][0]);
  const by = task.deadline && Number.isFinite(task.deadline.getTime()) ? "to meet the deadline" : `to finish within its ${ctx.config.defaultWindowHours} h window`;
  return { placement: forced, reason: () => `threshold (${limit}) not met before the latest start; starting at ${at} ${by}`, cf };
}

function greenest(ctx: TickContext, task: PlannerTask, cands: Candidate[], w: TaskWindow, pin?: Pin): Choice | undefined {
  const { grid, cache, config } = ctx;
  const cfRoom = startNow(grid, cache, cands, w, true);
  const cf = cfRoom ?? startNow(grid, cache, cands, w, false);
  const pinned = pin && continuousAt(grid, cache, pin.candidate, pin.startSlot, w);
  if (pinned) return withMinSaving(ctx, pinned, cf, cfRoom, `; order planned with the ${pin.sharing} other task${pin.sharing === 1 ? "" : "s"} queued on ${pin.candidate.timeline.server.id}`);
  const continuousBest = greenestContinuous(grid, cache, cands, w);
  let best: Placement | undefined = continuousBest;
  const displacedFrom =
    continuousBest && continuousBest.costG > continuousBest.ideal.costG * (1 + 1e-9) + 1e-9
      ? continuousBest.ideal.candidate.timeline.server.id
      : undefined;
  const pausesLeft = task.pausesLeft ?? config.maxPauses;
  if (task.interruptible && pausesLeft > 0) {
    const mustBeat = best ? Math.min(best.costG * (1 - config.minSavingPercent / 100), best.costG - (config.minSavingGrams ?? 0)) : Infinity;
    const split = greenestPieces(grid, cands, w, pausesLeft + 1, mustBeat);
    if (split && split.runs.length > 1 && split.costG < mustBeat) best = split;
  }
  if (!best) return undefined;
  let note = "";
  const kept = task.current && current(ctx, task, cands, w);
  if (kept && kept !== best && !(best.costG < kept.costG * (1 - config.hysteresisPercent / 100))) {
    const gain = kept.costG > 0 ? ((kept.costG - best.costG) / kept.costG) * 100 : 0;
    if (gain > 1e-9) note = `; kept the previous plan (new one only ${gain.toFixed(1)}% better, hysteresis ${config.hysteresisPercent}%)`;
    best = kept;
  }
  return { ...withMinSaving(ctx, best, cf, cfRoom, note), displacedFrom };
}

/** The plan, unless it waits for less than the minimum saving and the task could start now instead. */
function withMinSaving(ctx: TickContext, best: Placement, cf: Placement | undefined, cfRoom: Placement | undefined, note: string): Choice {
  const { grid, config } = ctx;
  const waits = best.runs[0][0] > grid.offset0 + 1e-9;
  const savedG = cf ? cf.costG - best.costG : 0;
  const saving = cf && cf.costG > 0 ? (savedG / cf.costG) * 100 : 0;
  const short = waits && cfRoom ? shortOfMinimum(config, saving, savedG) : undefined;
  if (short) {
    const later = best.runs[0][0];
    return { placement: cfRoom!, reason: () => `starting now on ${label(cfRoom!)}: waiting until ${slotWhen(grid, later)} would save ${short}`, cf };
  }
  return { placement: best, reason: () => greenestReason(ctx, best, cf, saving) + note, cf };
}

/** How a wait's saving falls short of the configured minimum, in words; undefined when it does not. */
function shortOfMinimum(config: PlannerConfig, percent: number, grams: number): string | undefined {
  if (percent < config.minSavingPercent) return `${percent < 0.05 ? "nothing" : `only ${percent.toFixed(1)}%`} (< ${config.minSavingPercent}%)`;
  const minG = config.minSavingGrams ?? 0;
  if (grams < minG) return `${grams < 0.005 ? "nothing" : `only ${formatGrams(grams)}`} CO2e (< ${formatGrams(minG)})`;
  return undefined;
}

const formatGrams = (g: number): string => `${g >= 10 ? Math.round(g) : Number(g.toPrecision(2))} g`;

function current(ctx: TickContext, task: PlannerTask, cands: Candidate[], w: TaskWindow): Placement | undefined {
  const c = cands.find((x) => x.timeline.server.id === task.current!.serverId);
  return c && keepCurrent(ctx.grid, ctx.cache, c, task.current!.start.getTime(), w);
}

function label(p: Placement): string {
  return `${p.candidate.timeline.server.id} (${p.candidate.zone.zone})`;
}

function greenestReason(ctx: TickContext, p: Placement, cf: Placement | undefined, saving: number): string {
  const mean = round(meanIntensity(ctx.grid, p));
  const nowMean = cf ? round(meanIntensity(ctx.grid, cf)) : "?";
  const at = slotWhen(ctx.grid, p.runs[0][0]);
  // With no minimum share a wait may save under 1 %: "~0%" would read as waiting for nothing.
  const pct = `saves ~${Math.abs(saving) < 0.95 ? saving.toFixed(1) : Math.round(saving)}%`;
  // Shrunk figures differ from the published forecast the intensity page shows: say so.
  const adjusted = p.candidate.zone.adjusted || (cf?.candidate.zone.adjusted ?? false);
  const figure = adjusted ? "expected" : "forecast";
  const why = adjusted ? " (forecast adjusted for its past error)" : "";
  if (p.runs.length > 1) return `running in ${p.runs.length} pieces from ${at} on ${label(p)}, ${figure} ${mean} g/kWh vs ${nowMean} now; ${pct}${why}`;
  if (p.runs[0][0] > ctx.grid.offset0 + 1e-9) return `waiting for ${at} on ${label(p)}, ${figure} ${mean} g/kWh vs ${nowMean} now; ${pct}${why}`;
  return `starting now on ${label(p)}: ${mean} g/kWh is the lowest ${figure} in the window${why}`;
}

function toDecision(ctx: TickContext, task: PlannerTask, all: Candidate[], choice: Choice): Decision {
  const { grid } = ctx;
  const p = choice.placement;
  const pieces = toPieces(grid, p);
  const startsNow = p.runs[0][0] <= grid.offset0 + 1e-9;
  const unknown = choice.usedMissing === true || p.candidate.zone.status === "missing";
  const expected = unknown ? NaN : p.costG;
  const cfG = unknown ? NaN : (choice.cf?.costG ?? p.costG);
  const warnings = new Set(zoneWarnings(grid, p.candidate.zone, p));
  for (const c of all) if (c.zone.status === "missing") warnings.add(`no forecast for zone ${c.zone.zone}`);
  return {
    taskId: task.id,
    serverId: p.candidate.timeline.server.id,
    action: startsNow ? "start_now" : "wait",
    start: startsNow ? new Date(grid.nowMs) : pieces[0].start,
    pieces: startsNow ? [{ start: new Date(grid.nowMs), end: pieces[0].end }, ...pieces.slice(1)] : pieces,
    expectedCarbonG: expected,
    counterfactualCarbonG: cfG,
    savingPercent: unknown || !(cfG > 0) ? 0 : ((cfG - expected) / cfG) * 100,
    reason: choice.reason(),
    dataWarnings: [...warnings],
  };
}
