// One benchmark cell (region × family) as the experiments load it: the series, the family's jobs
// (same seed as bench/savings.ts), the climatology and the hindsight oracle per job.
import { oracleIgnoringConcurrency, oracleSingleServer } from "../lib/baselines";
import { type Climatology, climatology } from "../lib/climatology";
import { loadSeries, type Series } from "../lib/series";
import type { Outcome } from "../lib/simulate-planner";
import { type Family, makeFamilies } from "../lib/workloads";
import { REGIONS, SEED } from "../lib/regions";

export type Cell = { name: string; s: Series; fam: Family; clim: Climatology; regionIndex: number; oracle: Map<string, Outcome> };

/** Reads "FR-2020:adhoc"; the oracle is exact (one job at a time for `contended`, as bench/savings.ts). */
export function loadCell(name: string): Cell {
  const [region, family] = name.split(":");
  const r = REGIONS.find((x) => x.region === region);
  if (!r) throw new Error(`unknown region ${region}`);
  const s = loadSeries(`/work/shared/data/${r.file}`, r.region, `${r.year}-01-01T00:00:00Z`, `${Number(r.year) + 1}-01-01T00:00:00Z`);
  const fam = makeFamilies(s.values.length, 3, SEED).find((f) => f.name === family);
  if (!fam) throw new Error(`unknown family ${family}`);
  const oracle = new Map((fam.maxConcurrent === 1 ? oracleSingleServer(s, fam) : oracleIgnoringConcurrency(s, fam)).map((o) => [o.job.id, o]));
  return { name, s, fam, clim: climatology(s), regionIndex: REGIONS.indexOf(r), oracle };
}

export function argList(name: string, fallback: string): string[] {
  return (process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback).split(",");
}
