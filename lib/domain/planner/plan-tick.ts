import { CapacityTimeline } from "./capacity";
import { decideTask, effectiveDeadlineMs, type TaskOutcome, type TickContext } from "./decide-task";
import { buildZoneGrid, makeTimeGrid, type ZoneGrid } from "./intensity-grid";
import { NESO_2025_BANDS } from "./index-bands";
import { CostCache, release, reserve } from "./placement";
import type { Decision, PlannerTask, PlanTickInput } from "./types";

const DAY = 86_400_000;
/** Starts are searched at most this far ahead (beyond the forecast every start costs the same anyway). */
const MAX_LOOKAHEAD_MS = 7 * DAY;
/** Re-runs that promote a task left without capacity to the front of its priority class. */
const MAX_PROMOTIONS = 3;

/**
 * One planning tick: every queued task gets a decision. Tasks are placed one at a time in priority
 * order (then least slack), each taking the cheapest feasible (server, start) left by the ones
 * before it, so a lower-priority task can never push a higher one past its deadline.
 * Pure and deterministic: the result does not depend on the order of `tasks` or `servers`.
 */
export function planTick(input: PlanTickInput): Decision[] {
  const { now, tasks, servers, forecasts, config } = input;
  if (!(config.stepMinutes > 0)) throw new RangeError("config.stepMinutes must be positive");
  const nowMs = now.getTime();
  const horizonMs = tasks.reduce(
    (h, t) => Math.max(h, Math.min(effectiveDeadlineMs(t, config), nowMs + MAX_LOOKAHEAD_MS + t.durationMinutes * 60_000)),
    nowMs + config.stepMinutes * 60_000,
  );
  const grid = makeTimeGrid(nowMs, config.stepMinutes, horizonMs);
  const byZone = new Map(forecasts.map((f) => [f.zone, f]));
  const zones = new Map<string, ZoneGrid>();
  for (const s of servers) if (!zones.has(s.zone)) zones.set(s.zone, buildZoneGrid(grid, byZone.get(s.zone), s.zone));
  const base = { grid, config, bands: config.indexBands ?? NESO_2025_BANDS, zones, cache: new CostCache(grid) };
  const sortedServers = [...servers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const timelines = new Map(sortedServers.map((s) => [s.id, new CapacityTimeline(s, grid)]));
  const ctx: TickContext = { ...base, timelines };
  const outcomes = new Map<string, TaskOutcome>();
  for (const group of priorityClasses(sortTasks(tasks, config))) {
    for (const [id, o] of placeClass(ctx, group)) outcomes.set(id, o);
  }
  return tasks.map((t) => outcomes.get(t.id)!.decision);
}

/**
 * Places one priority class on top of the more important ones. When a task finds no room, the class
 * is re-placed with the blocked tasks first (a few times), keeping the attempt with fewest blocked.
 */
function placeClass(ctx: TickContext, group: PlannerTask[]): Map<string, TaskOutcome> {
  let order = group;
  let best: { order: PlannerTask[]; blocked: number } | undefined;
  let last = new Map<string, TaskOutcome>();
  for (let attempt = 0; attempt <= MAX_PROMOTIONS; attempt++) {
    last = placeAll(ctx, order);
    const blocked = new Set(order.filter((t) => last.get(t.id)!.blockedByCapacity).map((t) => t.id));
    if (!best || blocked.size < best.blocked) best = { order, blocked: blocked.size };
    if (blocked.size === 0) return last;
    const next = [...order.filter((t) => blocked.has(t.id)), ...order.filter((t) => !blocked.has(t.id))];
    if (attempt === MAX_PROMOTIONS || next.every((t, i) => t === order[i])) break;
    unplace(last);
    order = next;
  }
  if (best!.order === order) return last;
  unplace(last);
  return placeAll(ctx, best!.order);
}

function unplace(outcomes: Map<string, TaskOutcome>): void {
  for (const o of outcomes.values()) if (o.placement) release(o.placement);
}

function placeAll(ctx: TickContext, order: PlannerTask[]): Map<string, TaskOutcome> {
  const out = new Map<string, TaskOutcome>();
  for (const task of order) {
    const outcome = decideTask(ctx, task);
    if (outcome.placement) reserve(outcome.placement);
    out.set(task.id, outcome);
  }
  return out;
}

function priorityClasses(sorted: PlannerTask[]): PlannerTask[][] {
  const out: PlannerTask[][] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && last[0].priority === t.priority) last.push(t);
    else out.push([t]);
  }
  return out;
}

/** Priority first; within a priority the task with the earliest latest start goes first. */
function sortTasks(tasks: PlannerTask[], config: PlanTickInput["config"]): PlannerTask[] {
  const key = new Map(tasks.map((t) => [t.id, effectiveDeadlineMs(t, config) - t.durationMinutes * 60_000]));
  return [...tasks].sort(
    (a, b) =>
      a.priority - b.priority ||
      key.get(a.id)! - key.get(b.id)! ||
      a.queuedAt.getTime() - b.queuedAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
