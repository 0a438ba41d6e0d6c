import type { CapacityTimeline } from "./capacity";
import { integrate, type TimeGrid, type ZoneGrid } from "./intensity-grid";
import { cheapestPieces } from "./split-pieces";

const EPS = 1e-9;

/** A server as the search sees it: its capacity timeline, its zone's intensities, kW drawn by one task. */
export type Candidate = { timeline: CapacityTimeline; zone: ZoneGrid; kw: number; order: number };

/** A task as the search sees it, in slot units of the grid. */
export type TaskWindow = { length: number; latestX: number; latestS: number; deadlineSlot: number };

/** Runs are [fromX, toX) in slot units; x = offset0 for "now", x = s for slot boundary s ≥ 1. */
export type Placement = { candidate: Candidate; runs: [number, number][]; costG: number };

export class CostCache {
  private readonly cache = new Map<string, Float64Array>();
  constructor(private readonly grid: TimeGrid) {}

  /** g per kW of a continuous run of `length` slots starting at slot boundary s (s = 0 means now). */
  perKw(zone: ZoneGrid, length: number): Float64Array {
    const key = `${zone.zone}|${length}`;
    let costs = this.cache.get(key);
    if (costs) return costs;
    const n = this.grid.slots;
    const stepHours = this.grid.stepMs / 3_600_000;
    costs = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const x = startX(this.grid, s);
      costs[s] = integrate(zone, x, x + length) * stepHours;
    }
    this.cache.set(key, costs);
    return costs;
  }
}

export function startX(grid: TimeGrid, s: number): number {
  return s === 0 ? grid.offset0 : s;
}

export function occupied(x: number, length: number): [number, number] {
  return [Math.floor(x + EPS), Math.ceil(x + length - EPS)];
}

function fitsAt(grid: TimeGrid, c: Candidate, s: number, length: number): boolean {
  const [a, b] = occupied(startX(grid, s), length);
  return c.timeline.fits(a, b);
}

function continuous(grid: TimeGrid, c: Candidate, s: number, length: number, costG: number): Placement {
  const x = startX(grid, s);
  return { candidate: c, runs: [[x, x + length]], costG };
}

export function firstStart(grid: TimeGrid, w: TaskWindow): number {
  return grid.offset0 <= w.latestX + EPS ? 0 : 1;
}

/**
 * Cheapest continuous start over all candidates; ties go to the earlier start, then candidate order.
 * `ideal` is the cheapest cost ignoring capacity and the candidate holding it (to spot displaced tasks).
 */
export function greenestContinuous(
  grid: TimeGrid,
  cache: CostCache,
  candidates: Candidate[],
  w: TaskWindow,
): (Placement & { ideal: { costG: number; candidate: Candidate } }) | undefined {
  let best: { c: Candidate; s: number; cost: number } | undefined;
  let ideal = { costG: Infinity, candidate: candidates[0] };
  const s0 = firstStart(grid, w);
  for (const c of candidates) {
    const costs = cache.perKw(c.zone, w.length);
    // Beyond knownEnd every start costs the same (persistence), so only capacity can make a later one win.
    const sCarbon = Math.min(w.latestS, c.zone.knownEnd);
    let found = false;
    for (let s = s0; s <= w.latestS; s++) {
      const cost = costs[s] * c.kw;
      if (cost < ideal.costG) ideal = { costG: cost, candidate: c };
      if (s > sCarbon && (found || (best && cost >= best.cost - EPS * Math.max(1, best.cost)))) break;
      if (best && !(cost < best.cost - EPS * Math.max(1, best.cost) || (cost <= best.cost + EPS * Math.max(1, best.cost) && s < best.s))) {
        continue;
      }
      if (!fitsAt(grid, c, s, w.length)) continue;
      best = { c, s, cost };
      found = true;
    }
  }
  return best && { ...continuous(grid, best.c, best.s, w.length, best.cost), ideal };
}

/** Cost of keeping last tick's start, or undefined when it is no longer possible. */
export function keepCurrent(
  grid: TimeGrid,
  cache: CostCache,
  c: Candidate,
  startMs: number,
  w: TaskWindow,
): Placement | undefined {
  return continuousAt(grid, cache, c, slotOfStart(grid, startMs), w);
}

/** The slot boundary a start time falls on (0: now or before). */
export function slotOfStart(grid: TimeGrid, startMs: number): number {
  return startMs <= grid.nowMs ? 0 : Math.ceil((startMs - grid.t0) / grid.stepMs - EPS);
}

/** A continuous run on `c` from slot boundary s, or undefined when the window or capacity forbids it. */
export function continuousAt(grid: TimeGrid, cache: CostCache, c: Candidate, s: number, w: TaskWindow): Placement | undefined {
  if (s < firstStart(grid, w) || s > w.latestS) return undefined;
  if (!fitsAt(grid, c, s, w.length)) return undefined;
  return continuous(grid, c, s, w.length, cache.perKw(c.zone, w.length)[s] * c.kw);
}

/** Best start at once across candidates (for the counterfactual and the min-saving rule). */
export function startNow(
  grid: TimeGrid,
  cache: CostCache,
  candidates: Candidate[],
  w: TaskWindow,
  needRoom: boolean,
): Placement | undefined {
  if (firstStart(grid, w) > 0) return undefined;
  let best: Placement | undefined;
  for (const c of candidates) {
    if (needRoom && !fitsAt(grid, c, 0, w.length)) continue;
    const cost = cache.perKw(c.zone, w.length)[0] * c.kw;
    if (!best || cost < best.costG - EPS) best = continuous(grid, c, 0, w.length, cost);
  }
  return best;
}

/** Earliest start with room on any candidate (ties: lower cost, then order). Used by run_now and missing data. */
export function earliestFit(grid: TimeGrid, cache: CostCache, candidates: Candidate[], w: TaskWindow): Placement | undefined {
  let best: Placement | undefined;
  let bestS = Infinity;
  for (const c of candidates) {
    for (let s = firstStart(grid, w); s <= w.latestS && s <= bestS; s++) {
      if (!fitsAt(grid, c, s, w.length)) continue;
      const cost = cache.perKw(c.zone, w.length)[s] * c.kw;
      if (s < bestS || cost < (best?.costG ?? Infinity) - EPS) {
        best = continuous(grid, c, s, w.length, cost);
        bestS = s;
      }
      break;
    }
  }
  return best;
}

/** Latest start with room on any candidate (deadline forcing for the threshold policy). */
export function latestFit(grid: TimeGrid, cache: CostCache, candidates: Candidate[], w: TaskWindow): Placement | undefined {
  let best: Placement | undefined;
  let bestS = -1;
  const s0 = firstStart(grid, w);
  for (const c of candidates) {
    for (let s = w.latestS; s >= s0 && s >= bestS; s--) {
      if (!fitsAt(grid, c, s, w.length)) continue;
      const cost = cache.perKw(c.zone, w.length)[s] * c.kw;
      if (s > bestS || cost < (best?.costG ?? Infinity) - EPS) {
        best = continuous(grid, c, s, w.length, cost);
        bestS = s;
      }
      break;
    }
  }
  return best;
}

/** First start whose starting slot meets `meets`; ties go to the lower cost. */
export function firstMeeting(
  grid: TimeGrid,
  cache: CostCache,
  candidates: Candidate[],
  w: TaskWindow,
  meets: (zone: ZoneGrid, slot: number) => boolean,
): Placement | undefined {
  let best: Placement | undefined;
  let bestS = Infinity;
  for (const c of candidates) {
    // Past knownEnd the value is persisted, so if it is not met there it never will be.
    const sMax = Math.min(w.latestS, c.zone.knownEnd);
    for (let s = firstStart(grid, w); s <= sMax && s <= bestS; s++) {
      if (!meets(c.zone, Math.min(s, c.zone.values.length - 1)) || !fitsAt(grid, c, s, w.length)) continue;
      const cost = cache.perKw(c.zone, w.length)[s] * c.kw;
      if (s < bestS || cost < (best?.costG ?? Infinity) - EPS) {
        best = continuous(grid, c, s, w.length, cost);
        bestS = s;
      }
      break;
    }
  }
  return best;
}

/** Cheapest split into at most maxPieces runs of whole slots, ending by the deadline. */
export function greenestPieces(
  grid: TimeGrid,
  candidates: Candidate[],
  w: TaskWindow,
  maxPieces: number,
  mustBeatG: number,
): Placement | undefined {
  const need = Math.ceil(w.length - EPS);
  const from = grid.offset0 > EPS ? 1 : 0;
  const stepHours = grid.stepMs / 3_600_000;
  let best: Placement | undefined;
  // With no capacity limit in the window the split depends on the zone only, so it is computed once per zone.
  const unconstrained = new Map<string, [number, number][] | undefined>();
  for (const c of candidates) {
    const to = Math.min(w.deadlineSlot, c.zone.knownEnd + need, grid.slots);
    const values = c.zone.values;
    // The `need` cheapest slots bound any split from below: skip the DP when even that cannot win.
    if (to - from < need || cheapestSum(values, from, to, need) * stepHours * c.kw >= Math.min(mustBeatG, best?.costG ?? Infinity)) continue;
    const free = c.timeline.fits(from, to);
    const cached = free ? unconstrained.get(c.zone.zone) : undefined;
    const found = cached ? { runs: cached } : cheapestPieces((k) => values[k], (k) => c.timeline.hasRoom(k), from, to, need, maxPieces);
    if (free && !cached) unconstrained.set(c.zone.zone, found?.runs);
    if (!found) continue;
    const runs = trimLastRun(found.runs, w.length);
    const costG = runs.reduce((sum, [a, b]) => sum + integrate(c.zone, a, b), 0) * stepHours * c.kw;
    if (!best || costG < best.costG - EPS) best = { candidate: c, runs, costG };
  }
  return best;
}

function cheapestSum(values: Float64Array, from: number, to: number, need: number): number {
  const sorted = values.slice(from, to).sort();
  let sum = 0;
  for (let k = 0; k < need; k++) sum += sorted[k];
  return sum;
}

/** The DP works in whole slots; the last run ends when the work is done. */
function trimLastRun(runs: [number, number][], length: number): [number, number][] {
  const out = runs.map(([a, b]) => [a, b] as [number, number]);
  const total = out.reduce((sum, [a, b]) => sum + b - a, 0);
  out[out.length - 1][1] -= total - length;
  return out;
}

export function reserve(p: Placement): void {
  for (const [a, b] of p.runs) {
    const [from, to] = occupied(a, b - a);
    p.candidate.timeline.reserveSlots(from, to);
  }
}

export function release(p: Placement): void {
  for (const [a, b] of p.runs) {
    const [from, to] = occupied(a, b - a);
    p.candidate.timeline.releaseSlots(from, to);
  }
}
