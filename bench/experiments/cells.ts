// One benchmark cell (region × family) as the experiments load it: the series, the family's jobs
// (same seed as bench/savings.ts), the climatology and the hindsight oracle per job.
import { type Decision, planTick, type PlannerConfig, type PlannerTask, type ZoneForecast } from "@/lib/domain/planner";
import { oracleIgnoringConcurrency, oracleSingleServer } from "../lib/baselines";
import { type Climatology, climatology } from "../lib/climatology";
import { loadSeries, type Series, SLOT_MS } from "../lib/series";
import type { Outcome } from "../lib/simulate-planner";
import { type Family, type Job, makeFamilies } from "../lib/workloads";
import { REGIONS, SEED } from "../lib/regions";

export type Cell = { name: string; s: Series; fam: Family; clim: Climatology; regionIndex: number; oracle: Map<string, Outcome> };

/** A region's calendar-year series, as bench/savings.ts reads it, and its index in REGIONS (for seeds). */
export function loadRegion(region: string): { s: Series; regionIndex: number } {
  const r = REGIONS.find((x) => x.region === region);
  if (!r) throw new Error(`unknown region ${region}`);
  const s = loadSeries(`/work/shared/data/${r.file}`, r.region, `${r.year}-01-01T00:00:00Z`, `${Number(r.year) + 1}-01-01T00:00:00Z`);
  return { s, regionIndex: REGIONS.indexOf(r) };
}

/** Reads "FR-2020:adhoc"; the oracle is exact (one job at a time for `contended`, as bench/savings.ts). */
export function loadCell(name: string): Cell {
  const [region, family] = name.split(":");
  const { s, regionIndex } = loadRegion(region);
  const fam = makeFamilies(s.values.length, 3, SEED).find((f) => f.name === family);
  if (!fam) throw new Error(`unknown family ${family}`);
  const oracle = new Map((fam.maxConcurrent === 1 ? oracleSingleServer(s, fam) : oracleIgnoringConcurrency(s, fam)).map((o) => [o.job.id, o]));
  return { name, s, fam, clim: climatology(s), regionIndex, oracle };
}

/** The planner's decision at tick t for one continuous job alone on a server with room to spare. */
export function planAlone(cell: Cell, job: Job, t: number, zone: ZoneForecast, config: PlannerConfig, current: PlannerTask["current"]): Decision {
  const { s } = cell;
  const at = (slot: number) => new Date(s.startMs + slot * SLOT_MS);
  const task: PlannerTask = { id: job.id, durationMinutes: job.duration * 30, deadline: at(job.deadline), priority: 1, policy: { kind: "greenest" }, eligibleServerIds: [ALONE], interruptible: false, queuedAt: at(job.submit), current };
  return planTick({ now: at(t), tasks: [task], servers: [{ id: ALONE, zone: zone.zone, maxConcurrent: 8, powerWatts: 1000, busy: [] }], forecasts: [zone], config })[0];
}

/** The server id planAlone plans on. */
export const ALONE = "alone";

export function argList(name: string, fallback: string): string[] {
  return (process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback).split(",");
}
