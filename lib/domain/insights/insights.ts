// The organisation's insights from its accounted runs: totals, cumulative saving against
// the run-at-once baseline, carbon by server and by task, SCI trends, intensity bands and
// equivalents. Pure: every chart series is computed here, none in JSX.
import { indexBandFor } from "@/lib/carbon/index-bands";
import { equivalents, type Equivalent } from "./equivalents";

export type InsightRun = {
  id: string;
  taskId: string;
  taskName: string;
  serverId: string;
  serverName: string;
  startedAt: Date;
  finishedAt: Date;
  energyKwh: number;
  operationalCarbonG: number;
  carbonG: number;
  counterfactualCarbonG: number;
  savedCarbonG: number;
  sciG: number;
  functionalUnit: string;
};

export const BANDS = ["very low", "low", "moderate", "high", "very high"] as const;
export type Band = (typeof BANDS)[number];

export type Insights = {
  totals: { runs: number; energyKwh: number; carbonG: number; counterfactualCarbonG: number; savedCarbonG: number; savedPercent: number | null };
  cumulative: { day: string; actualG: number; baselineG: number; savedG: number }[];
  byServer: { id: string; name: string; carbonG: number; savedCarbonG: number; runs: number }[];
  byTask: { id: string; name: string; carbonG: number; savedCarbonG: number; runs: number }[];
  sciTrends: { tasks: { id: string; name: string; unit: string }[]; points: Record<string, number | string>[] };
  bands: { band: Band; runs: number; share: number }[];
  lowShare: number | null;
  savedEquivalents: Equivalent[];
  emittedEquivalents: Equivalent[];
};

const SCI_TREND_TASKS = 6;

/** The default filter: the current month so far (UTC days, inclusive). */
export function monthToDate(now: Date): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { from: first.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The band of the run's energy-weighted mean intensity (operational carbon / energy). */
export function runBand(run: Pick<InsightRun, "operationalCarbonG" | "energyKwh" | "startedAt">): Band | null {
  if (!(run.energyKwh > 0)) return null;
  return indexBandFor(run.operationalCarbonG / run.energyKwh, run.startedAt);
}

function cumulative(runs: InsightRun[]): Insights["cumulative"] {
  const byDay = new Map<string, { actual: number; baseline: number }>();
  for (const r of runs) {
    const d = byDay.get(day(r.finishedAt)) ?? { actual: 0, baseline: 0 };
    d.actual += r.carbonG;
    d.baseline += r.counterfactualCarbonG;
    byDay.set(day(r.finishedAt), d);
  }
  let actualG = 0;
  let baselineG = 0;
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([d, v]) => {
      actualG += v.actual;
      baselineG += v.baseline;
      return { day: d, actualG, baselineG, savedG: baselineG - actualG };
    });
}

function groupBy(runs: InsightRun[], key: (r: InsightRun) => { id: string; name: string }) {
  const groups = new Map<string, { id: string; name: string; carbonG: number; savedCarbonG: number; runs: number }>();
  for (const r of runs) {
    const k = key(r);
    const g = groups.get(k.id) ?? { ...k, carbonG: 0, savedCarbonG: 0, runs: 0 };
    g.carbonG += r.carbonG;
    g.savedCarbonG += r.savedCarbonG;
    g.runs += 1;
    groups.set(k.id, g);
  }
  return [...groups.values()].sort((a, b) => b.carbonG - a.carbonG);
}

/** One row per run finish time, one column per task (the tasks with the most runs). */
function sciTrends(runs: InsightRun[], byTask: Insights["byTask"]): Insights["sciTrends"] {
  const top = [...byTask].sort((a, b) => b.runs - a.runs).slice(0, SCI_TREND_TASKS);
  const ids = new Set(top.map((t) => t.id));
  const unitOf = new Map(runs.map((r) => [r.taskId, r.functionalUnit]));
  const points = runs
    .filter((r) => ids.has(r.taskId))
    .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime())
    .map((r) => ({ t: r.finishedAt.getTime(), [r.taskId]: r.sciG }));
  return { tasks: top.map((t) => ({ id: t.id, name: t.name, unit: unitOf.get(t.id) ?? "run" })), points };
}

function bands(runs: InsightRun[]): Pick<Insights, "bands" | "lowShare"> {
  const counts = new Map<Band, number>(BANDS.map((b) => [b, 0]));
  let banded = 0;
  for (const r of runs) {
    const band = runBand(r);
    if (!band) continue;
    counts.set(band, (counts.get(band) ?? 0) + 1);
    banded += 1;
  }
  const share = (n: number) => (banded ? n / banded : 0);
  return {
    bands: BANDS.map((band) => ({ band, runs: counts.get(band) ?? 0, share: share(counts.get(band) ?? 0) })),
    lowShare: banded ? share((counts.get("low") ?? 0) + (counts.get("very low") ?? 0)) : null,
  };
}

export function buildInsights(runs: InsightRun[]): Insights {
  const sum = (f: (r: InsightRun) => number) => runs.reduce((t, r) => t + f(r), 0);
  const carbonG = sum((r) => r.carbonG);
  const counterfactualCarbonG = sum((r) => r.counterfactualCarbonG);
  const savedCarbonG = sum((r) => r.savedCarbonG);
  const byTask = groupBy(runs, (r) => ({ id: r.taskId, name: r.taskName }));
  return {
    totals: { runs: runs.length, energyKwh: sum((r) => r.energyKwh), carbonG, counterfactualCarbonG, savedCarbonG, savedPercent: counterfactualCarbonG > 0 ? (100 * savedCarbonG) / counterfactualCarbonG : null },
    cumulative: cumulative(runs),
    byServer: groupBy(runs, (r) => ({ id: r.serverId, name: r.serverName })),
    byTask,
    sciTrends: sciTrends(runs, byTask),
    ...bands(runs),
    savedEquivalents: equivalents(savedCarbonG / 1000),
    emittedEquivalents: equivalents(carbonG / 1000),
  };
}
