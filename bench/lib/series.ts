import { readFileSync } from "node:fs";

export const SLOT_MS = 1_800_000;

/** A regular 30-minute series: values[i] covers [startMs + i·30 min, +30 min). */
export type Series = { name: string; startMs: number; values: Float64Array; mean: number };

/**
 * Reads one intensity CSV and resamples it to 30 minutes by averaging every row whose timestamp
 * falls in the half hour (the 2020 GB/DE files switch to 15-minute steps). The 2025 fork files
 * carry local clock time; they are read as if UTC: the grid is regular (DST hours were
 * interpolated upstream) and nightly workloads are then placed in local time, as users would.
 */
export function loadSeries(path: string, name: string, fromIso: string, toIso: string): Series {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const n = Math.round((to - from) / SLOT_MS);
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  const lines = readFileSync(path, "utf8").trim().split("\n").slice(1);
  for (const line of lines) {
    const [ts, value] = line.split(",");
    const ms = Date.parse(ts.endsWith("Z") ? ts : `${ts}Z`);
    const i = Math.floor((ms - from) / SLOT_MS);
    if (i < 0 || i >= n) continue;
    sums[i] += Number(value);
    counts[i]++;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (counts[i] > 0) values[i] = sums[i] / counts[i];
    else if (i > 0) values[i] = values[i - 1];
  }
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return { name, startMs: from, values, mean };
}

/** Mean intensity × hours over [from, to) slots (1 kW load → grams). */
export function carbonOfSlots(s: Series, from: number, to: number): number {
  let g = 0;
  for (let i = from; i < to; i++) g += s.values[i] * 0.5;
  return g;
}
