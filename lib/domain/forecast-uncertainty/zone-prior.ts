// A zone's prior for the planner from its stored actuals: the shared climatology, laid on a
// half-hour grid that starts at a UTC midnight, read at the current half hour.
import type { IntensityPrior } from "@/lib/domain/planner";
import { anomalyAutocorrelation, climatology, HISTORY_DAYS, priorAt, SLOTS_PER_DAY } from "./climatology";

const SLOT_MS = 30 * 60_000;
const DAY_MS = SLOTS_PER_DAY * SLOT_MS;
/**
 * The prior is anchored on an actual at most this many half hours before the current one (the UK
 * API publishes a period's actual one to three half hours after it ends); an older one says less
 * about now than the current forecast does.
 */
export const MAX_ANCHOR_LAG_SLOTS = 4;

export type TimedValue = { start: Date; end: Date; gCO2PerKWh: number };

/** What is known of the current half hour: its actual when published, else its forecast. */
export type CurrentValue = { gCO2PerKWh: number; kind: "actual" | "forecast" };

/** Where the actuals a prior at `now` needs begin (a UTC midnight). */
export function priorHistoryStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - HISTORY_DAYS * DAY_MS);
}

/**
 * The prior for each half hour from the one holding `now` to `horizonEnd`, or [] when the actuals do
 * not yet cover enough days (about 20 in the last 62). Today's anomaly fades as it did over the last
 * four weeks (its measured autocorrelation) and is read off the freshest exact value: the current
 * half hour's actual, else the latest actual of the four half hours before it, else the current half
 * hour's forecast (whose own error is then taken as exact).
 */
export function zonePrior(actuals: TimedValue[], now: Date, horizonEnd: Date, current: CurrentValue | undefined): ZonePrior {
  const origin = priorHistoryStart(now).getTime();
  const t = Math.floor((now.getTime() - origin) / SLOT_MS);
  const end = Math.max(t + 1, Math.ceil((horizonEnd.getTime() - origin) / SLOT_MS));
  const values = halfHourValues(actuals, origin, t, end);
  const anchor = anchorOf(values, t, current);
  if (!anchor) return { prior: [] };
  const c = climatology(values);
  const acf = anomalyAutocorrelation(values, c.mean, anchor.slot);
  const out: IntensityPrior[] = [];
  priorAt(c, anchor.slot, end, anchor.value, acf).forEach((p, i) => {
    const slot = anchor.slot + i;
    if (!p || slot < t) return;
    const start = origin + slot * SLOT_MS;
    out.push({ start: new Date(start), end: new Date(start + SLOT_MS), gCO2PerKWh: p.mean, sdGPerKWh: p.sd, climatologySdGPerKWh: p.climatologySd });
  });
  if (out.length === 0) return { prior: [] };
  return { prior: out, persistence: c.persistence[anchor.slot], autocorrelation: acf && Array.from(acf), anchoredAt: new Date(origin + anchor.slot * SLOT_MS) };
}

/**
 * The prior per half hour from now, and for the joint posterior how today's anomaly fades (its
 * persistence per half hour, and its measured autocorrelation by lag) and the start of the half hour
 * it was read off.
 */
export type ZonePrior = { prior: IntensityPrior[]; persistence?: number; autocorrelation?: number[]; anchoredAt?: Date };

function anchorOf(values: Float64Array, t: number, current: CurrentValue | undefined): { slot: number; value: number } | undefined {
  const now = current && Number.isFinite(current.gCO2PerKWh) ? current : undefined;
  if (now?.kind === "actual") return { slot: t, value: now.gCO2PerKWh };
  for (let u = t - 1; u >= Math.max(0, t - MAX_ANCHOR_LAG_SLOTS); u--) if (Number.isFinite(values[u])) return { slot: u, value: values[u] };
  return now && { slot: t, value: now.gCO2PerKWh };
}

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
