import { CapacityTimeline } from "./capacity";
import { decideTask, effectiveDeadlineMs, type TaskOutcome, type TickContext } from "./decide-task";
import { buildZoneGrid, makeTimeGrid, type ZoneGrid } from "./intensity-grid";
import { NESO_2025_BANDS } from "./index-bands";
import { type Candidate, CostCache, release, reserve } from "./placement";
import { sequenceOneAtATime, tasksByServer } from "./sequence-servers";
import { shrinkForecast } from "./shrink-forecast";
import type { Decision, PlannerTask, PlanTickInput } from "./types";

const DAY = 86_400_000;
/** Starts are searched at most this far ahead (beyond the forecast every start costs the same anyway). */
const MAX_LOOKAHEAD_MS = 7 * DAY;
/** Local repairs are a best effort: bounded so an overloaded fleet cannot make a tick quadratic. */
const MAX_REPAIRS_PER_CLASS = 64;
/** One-at-a-time queues re-ordered per tick, at most (each a small exact programme). */
const MAX_SEQUENCED_SERVERS = 64;
const MAX_VICTIMS = 16;

/**
 * One planning tick: every queued task gets a decision. Tasks are placed one at a time in priority
 * order (then least slack), each taking the cheapest feasible (server, start) left by the ones
 * before it, so a lower-priority task can never push a higher one past its deadline. Then the queue
 * of each one-at-a-time server is put in its cheapest order, keeping every task placed.
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
  for (const s of servers) {
    if (zones.has(s.zone)) continue;
    const forecast = byZone.get(s.zone);
    const shrunk = shrinkForecast(forecast, forecast?.forecastErrorSd ?? config.forecastErrorSd, nowMs);
    zones.set(s.zone, buildZoneGrid(grid, shrunk, s.zone, shrunk !== forecast));
  }
  const base = { grid, config, bands: config.indexBands ?? NESO_2025_BANDS, zones, cache: new CostCache(grid) };
  const sortedServers = [...servers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const candidates = new Map<string, Candidate>();
  for (const s of sortedServers) {
    const timeline = new CapacityTimeline(s, grid);
    candidates.set(s.id, { timeline, zone: zones.get(s.zone)!, kw: s.powerWatts / 1000, order: candidates.size });
  }
  const ctx: TickContext = { ...base, candidates };
  const outcomes = new Map<string, TaskOutcome>();
  const sorted = sortTasks(tasks, config);
  for (const group of priorityClasses(sorted)) {
    for (const [id, o] of placeClass(ctx, group)) outcomes.set(id, o);
  }
  // Across priorities: a queue on a one-at-a-time server in its cheapest order, keeping every task
  // the priority order placed (so none is pushed past its deadline by a less important one).
  if (config.reorderOneAtATimeQueues !== false) sequenceOneAtATime(ctx, sorted, outcomes, MAX_SEQUENCED_SERVERS);
  return tasks.map((t) => outcomes.get(t.id)!.decide());
}

/**
 * Places one priority class on top of the more important ones. A task left without room gets a local
 * repair: the same-class tasks already on its servers are lifted, it is placed first, and they are
 * placed again; if any of them then finds no room, everything is put back as it was.
 */
function placeClass(ctx: TickContext, group: PlannerTask[]): Map<string, TaskOutcome> {
  const outcomes = placeAll(ctx, group);
  let repairs = 0;
  let byServer: Map<string, PlannerTask[]> | undefined;
  for (const blocked of group) {
    if (!outcomes.get(blocked.id)!.blockedByCapacity) continue;
    if (repairs++ >= MAX_REPAIRS_PER_CLASS) break;
    byServer ??= tasksByServer(group, outcomes);
    const victims = [...new Set(blocked.eligibleServerIds)].flatMap((id) => byServer!.get(id) ?? []);
    if (victims.length === 0 || victims.length > MAX_VICTIMS) continue;
    const before = victims.map((t) => outcomes.get(t.id)!);
    for (const o of before) release(o.placement!);
    const retried = placeAll(ctx, [blocked, ...victims]);
    if ([...retried.values()].every((o) => !o.blockedByCapacity)) {
      for (const [id, o] of retried) outcomes.set(id, o);
      byServer = undefined;
      continue;
    }
    unplace(retried);
    for (const o of before) reserve(o.placement!);
  }
  improveDisplaced(ctx, group, outcomes);
  return outcomes;
}

/**
 * Greedy order can leave a task out of its cheapest window because an earlier task of the same class
 * sits there with cheap alternatives. For each displaced task: lift it and the same-class tasks on the
 * server it wanted, place it first, re-place them; keep the result only if total forecast carbon drops.
 */
function improveDisplaced(ctx: TickContext, group: PlannerTask[], outcomes: Map<string, TaskOutcome>): void {
  let budget = MAX_REPAIRS_PER_CLASS;
  let byServer: Map<string, PlannerTask[]> | undefined;
  for (const task of group) {
    const wanted = outcomes.get(task.id)!.displacedFrom;
    if (!wanted) continue;
    if (budget-- <= 0) break;
    byServer ??= tasksByServer(group, outcomes);
    const victims = (byServer.get(wanted) ?? []).filter((t) => t !== task);
    if (victims.length === 0 || victims.length > MAX_VICTIMS) continue;
    const before = [task, ...victims].map((t) => outcomes.get(t.id)!);
    const costBefore = before.reduce((g, o) => g + (o.placement?.costG ?? 0), 0);
    for (const o of before) if (o.placement) release(o.placement);
    const retried = placeAll(ctx, [task, ...victims]);
    const costAfter = [...retried.values()].reduce((g, o) => g + (o.placement?.costG ?? 0), 0);
    const ok = [...retried.values()].every((o) => o.placement !== undefined);
    if (ok && costAfter < costBefore * (1 - 1e-9)) {
      for (const [id, o] of retried) outcomes.set(id, o);
      byServer = undefined;
      continue;
    }
    unplace(retried);
    for (const o of before) if (o.placement) reserve(o.placement);
  }
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
