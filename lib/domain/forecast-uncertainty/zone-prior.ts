// A zone's prior for the planner from its stored actuals: the shared climatology, laid on a
// half-hour grid that starts at a UTC midnight, read at the current half hour.
import type { IntensityPrior } from "@/lib/domain/planner";
import { climatology, HISTORY_DAYS, priorAt, SLOTS_PER_DAY } from "./climatology";

const SLOT_MS = 30 * 60_000;
const DAY_MS = SLOTS_PER_DAY * SLOT_MS;

export type TimedValue = { start: Date; end: Date; gCO2PerKWh: number };

/** Where the actuals a prior at `now` needs begin (a UTC midnight). */
export function priorHistoryStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - HISTORY_DAYS * DAY_MS);
}

/**
 * The prior for each half hour from the one holding `now` to `horizonEnd`, or [] when the actuals do
 * not yet cover enough days (about 20 in the last 62). `nowcast` is the best value for the current
 * half hour (its actual, else its forecast): today's anomaly, which persists for a while.
 */
export function zonePrior(actuals: TimedValue[], now: Date, horizonEnd: Date, nowcast: number | undefined): ZonePrior {
  if (nowcast === undefined || !Number.isFinite(nowcast)) return { prior: [] };
  const origin = priorHistoryStart(now).getTime();
  const t = Math.floor((now.getTime() - origin) / SLOT_MS);
  const end = Math.max(t + 1, Math.ceil((horizonEnd.getTime() - origin) / SLOT_MS));
  const values = halfHourValues(actuals, origin, t, end);
  const c = climatology(values);
  const out: IntensityPrior[] = [];
  priorAt(c, t, end, nowcast).forEach((p, i) => {
    if (!p) return;
    const start = origin + (t + i) * SLOT_MS;
    out.push({ start: new Date(start), end: new Date(start + SLOT_MS), gCO2PerKWh: p.mean, sdGPerKWh: p.sd, climatologySdGPerKWh: p.climatologySd });
  });
  return out.length > 0 ? { prior: out, persistence: c.persistence[t] } : { prior: [] };
}

/** The prior per half hour from now, and the persistence per half hour of today's anomaly it assumes. */
export type ZonePrior = { prior: IntensityPrior[]; persistence?: number };

/**
 * Actuals averaged into half hours before slot `t` (readings longer than half an hour fill every
 * half hour they cover), then NaN up to slot `end` so the climatology reaches the horizon.
 */
function halfHourValues(actuals: TimedValue[], origin: number, t: number, end: number): Float64Array {
  const n = end;
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  for (const a of actuals) {
    if (!Number.isFinite(a.gCO2PerKWh)) continue;
    const from = Math.max(0, Math.floor((a.start.getTime() - origin) / SLOT_MS));
    const to = Math.min(t, Math.ceil((a.end.getTime() - origin) / SLOT_MS));
    for (let k = from; k < to; k++) {
      sums[k] += a.gCO2PerKWh;
      counts[k]++;
    }
  }
  return sums.map((s, k) => (counts[k] > 0 ? s / counts[k] : NaN));
}
