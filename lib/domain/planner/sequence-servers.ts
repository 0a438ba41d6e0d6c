import { decideTask, type Pin, type TaskOutcome, taskWindow, type TickContext } from "./decide-task";
import { cheapestSequence, MAX_SEQUENCED_TASKS, type SequencedTask } from "./one-at-a-time";
import { type Candidate, firstStart, occupied, type Placement, release, reserve, slotOfStart, startX } from "./placement";
import type { PlannerTask } from "./types";

/**
 * On a server that runs one task at a time, placing tasks one by one in their cheapest windows (by
 * priority, then least slack) can take the slot another task needed more, or leave no room for a task
 * that would fit in another order. After every priority class is placed, each such server's
 * continuous greenest plans (and the tasks left without room that may run there) are replaced by the
 * exact cheapest order and starts (one-at-a-time.ts) when that places a task left out, or lowers their
 * forecast carbon by more than the hysteresis of what keeps last tick's plans (so near-ties do not
 * reshuffle the queue every tick). Every task placed stays placed, so priority still decides who gets
 * a start before its deadline; among those, the order is the greenest. At most `budget` servers.
 */
export function sequenceOneAtATime(ctx: TickContext, group: PlannerTask[], outcomes: Map<string, TaskOutcome>, budget: number): void {
  const oneAtATime = (id: string) => ctx.candidates.get(id)?.timeline.server.maxConcurrent === 1;
  if (![...ctx.candidates.keys()].some(oneAtATime)) return;
  const greenest = group.filter((t) => t.policy.kind === "greenest");
  let byServer = tasksByServer(greenest, outcomes);
  let waitingBy = waitingByServer(greenest, outcomes);
  const serverIds = new Set([...byServer.keys(), ...waitingBy.keys()].filter(oneAtATime));
  for (const serverId of [...serverIds].sort()) {
    const c = ctx.candidates.get(serverId)!;
    if (c.zone.status === "missing") continue;
    const placed = (byServer.get(serverId) ?? []).filter((t) => outcomes.get(t.id)!.placement!.runs.length === 1);
    const waiting = waitingBy.get(serverId) ?? [];
    if (placed.length + waiting.length < 2) continue;
    if (budget-- <= 0) return;
    const all = [...placed, ...waiting];
    const changed =
      (waiting.length > 0 && all.length <= MAX_SEQUENCED_TASKS && resequence(ctx, c, all, outcomes, "place all")) ||
      (placed.length >= 2 && placed.length <= MAX_SEQUENCED_TASKS && resequence(ctx, c, placed, outcomes, "cheaper"));
    if (!changed) continue;
    // A task left without room may have been placed here, or one fallen back to another server.
    byServer = tasksByServer(greenest, outcomes);
    waitingBy = waitingByServer(greenest, outcomes);
  }
}

/** Tasks left without room, by each server they may run on. */
function waitingByServer(tasks: PlannerTask[], outcomes: Map<string, TaskOutcome>): Map<string, PlannerTask[]> {
  const out = new Map<string, PlannerTask[]>();
  for (const t of tasks) {
    if (!outcomes.get(t.id)!.blockedByCapacity) continue;
    for (const id of new Set(t.eligibleServerIds)) {
      const list = out.get(id);
      if (list) list.push(t);
      else out.set(id, [t]);
    }
  }
  return out;
}

/**
 * Plans `tasks` on `c` afresh in the cheapest order and keeps the result if it meets `goal`: every
 * task placed, or every task placed for less carbon than now (by the hysteresis where plans are kept).
 */
function resequence(ctx: TickContext, c: Candidate, tasks: PlannerTask[], outcomes: Map<string, TaskOutcome>, goal: "place all" | "cheaper"): boolean {
  const before = tasks.map((t) => outcomes.get(t.id)!);
  const costBefore = before.reduce((g, o) => g + (o.placement?.costG ?? 0), 0);
  const kept = before.reduce((g, o, i) => g + (o.placement && keepsCurrent(ctx, tasks[i], o.placement) ? o.placement.costG : 0), 0);
  const mustBeat = goal === "place all" ? Infinity : costBefore - (kept * ctx.config.hysteresisPercent) / 100 - 1e-9 * costBefore;
  const restore = () => {
    for (const o of before) if (o.placement) reserve(o.placement);
  };
  for (const o of before) if (o.placement) release(o.placement);
  const plan = cheapestSequence(
    tasks.map((t) => sequenced(ctx, c, t)),
    (a, b) => c.timeline.fits(a, b),
  );
  if (!plan || !(plan.costG < mustBeat)) {
    restore();
    return false;
  }
  const retried = new Map<string, TaskOutcome>();
  const order = tasks.map((t, i) => ({ t, s: plan.starts[i] })).sort((a, b) => a.s - b.s);
  for (const { t, s } of order) {
    const pin: Pin = { candidate: c, startSlot: s, sharing: tasks.length - 1 };
    const o = decideTask(ctx, t, pin);
    if (o.placement) reserve(o.placement);
    retried.set(t.id, o);
  }
  const outs = [...retried.values()];
  const costAfter = outs.every((o) => o.placement) ? outs.reduce((g, o) => g + o.placement!.costG, 0) : Infinity;
  if (costAfter < mustBeat) {
    for (const [id, o] of retried) outcomes.set(id, o);
    return true;
  }
  for (const o of outs) if (o.placement) release(o.placement);
  restore();
  return false;
}

/** A task as the sequencer sees it on server `c`. */
function sequenced(ctx: TickContext, c: Candidate, task: PlannerTask): SequencedTask {
  const { grid, cache } = ctx;
  const w = taskWindow(grid, task, ctx.config)!;
  const costs = cache.perKw(c.zone, w.length);
  return { first: firstStart(grid, w), latest: w.latestS, cost: (s) => costs[s] * c.kw, span: (s) => occupied(startX(grid, s), w.length) };
}

/** The plan starts where last tick's did, on the same server. */
function keepsCurrent(ctx: TickContext, task: PlannerTask, p: Placement): boolean {
  if (!task.current || task.current.serverId !== p.candidate.timeline.server.id) return false;
  const s = p.runs[0][0] <= ctx.grid.offset0 + 1e-9 ? 0 : Math.round(p.runs[0][0]);
  return s === slotOfStart(ctx.grid, task.current.start.getTime());
}

/** The placed tasks among `group`, by the server they are placed on. */
export function tasksByServer(group: PlannerTask[], outcomes: Map<string, TaskOutcome>): Map<string, PlannerTask[]> {
  const out = new Map<string, PlannerTask[]>();
  for (const t of group) {
    const id = outcomes.get(t.id)!.placement?.candidate.timeline.server.id;
    if (id === undefined) continue;
    const list = out.get(id);
    if (list) list.push(t);
    else out.set(id, [t]);
  }
  return out;
}
