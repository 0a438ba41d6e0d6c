import { CapacityTimeline } from "./capacity";
import { decideTask, effectiveDeadlineMs, type TaskOutcome, type TickContext } from "./decide-task";
import { buildZoneGrid, makeTimeGrid, type ZoneGrid } from "./intensity-grid";
import { NESO_2025_BANDS } from "./index-bands";
import { CostCache, reserve } from "./placement";
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

  let order = sortTasks(tasks, config);
  let outcomes = new Map<string, TaskOutcome>();
  let fewestBlocked = Infinity;
  for (let attempt = 0; attempt <= MAX_PROMOTIONS; attempt++) {
    const timelines = new Map(sortedServers.map((s) => [s.id, new CapacityTimeline(s, grid)]));
    const attemptOutcomes = placeAll({ ...base, timelines }, order);
    const blocked = order.filter((t) => attemptOutcomes.get(t.id)!.blockedByCapacity);
    if (blocked.length < fewestBlocked) [outcomes, fewestBlocked] = [attemptOutcomes, blocked.length];
    if (blocked.length === 0 || attempt === MAX_PROMOTIONS) break;
    const next = promote(order, new Set(blocked.map((t) => t.id)));
    if (next.every((t, i) => t === order[i])) break;
    order = next;
  }
  return tasks.map((t) => outcomes.get(t.id)!.decision);
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

/** Moves blocked tasks to the front of their own priority class, never ahead of a more important task. */
function promote(order: PlannerTask[], blocked: Set<string>): PlannerTask[] {
  const out: PlannerTask[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j < order.length && order[j].priority === order[i].priority) j++;
    const group = order.slice(i, j);
    out.push(...group.filter((t) => blocked.has(t.id)), ...group.filter((t) => !blocked.has(t.id)));
    i = j;
  }
  return out;
}
