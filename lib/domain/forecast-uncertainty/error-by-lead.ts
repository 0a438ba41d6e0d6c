// How wrong a zone's forecasts have been, by how far ahead they were made: what the planner needs
// to weigh a forecast against its prior. Pure: (lead, error) samples in, error sd by lead out.
import type { ForecastErrorAtLead } from "@/lib/domain/planner";
import { errorAtLead } from "@/lib/domain/planner/error-at-lead";

/** One look at a period's forecast: how far ahead, how wrong, the period and the moment of the look (ms), and its actual. */
export type ForecastErrorSample = { leadMinutes: number; error: number; periodStartMs: number; lookAtMs?: number; actual?: number };

/** One stored forecast for a period: in force from `fetchedAt` until `supersededAt` (null: still current). */
export type ForecastVersion = { start: Date; gCO2PerKWh: number; fetchedAt: Date; supersededAt: Date | null };

const STEP_MINUTES = 30;
const MAX_LEAD_MINUTES = 48 * 60;

/**
 * What the forecast said about each period with an actual, seen every half hour before it began
 * (at leads of −15, 15, 45 … minutes: ticks fall anywhere in a half hour): a stored version stays
 * in force until superseded, and an unchanged forecast is stored once, at its first fetch, so
 * counting each version once at its fetch time would give near leads only periods whose
 * forecast changed late.
 */
export function errorSamples(versions: ForecastVersion[], actuals: { start: Date; gCO2PerKWh: number }[]): ForecastErrorSample[] {
  const byPeriod = new Map<number, ForecastVersion[]>();
  for (const v of versions) {
    const list = byPeriod.get(v.start.getTime());
    if (list) list.push(v);
    else byPeriod.set(v.start.getTime(), [v]);
  }
  const out: ForecastErrorSample[] = [];
  for (const a of actuals) {
    const start = a.start.getTime();
    const list = byPeriod.get(start);
    if (!list || !Number.isFinite(a.gCO2PerKWh)) continue;
    for (let lead = -STEP_MINUTES / 2; lead < MAX_LEAD_MINUTES; lead += STEP_MINUTES) {
      const at = start - lead * 60_000;
      const v = list.find((x) => x.fetchedAt.getTime() <= at && (x.supersededAt === null || x.supersededAt.getTime() > at));
      if (v && Number.isFinite(v.gCO2PerKWh)) out.push({ leadMinutes: lead, error: v.gCO2PerKWh - a.gCO2PerKWh, periodStartMs: start, lookAtMs: at, actual: a.gCO2PerKWh });
    }
  }
  return out;
}

/** Lead buckets (start, minutes): the final forecast, 1-6 h, 6-12 h, 12-24 h, 24 h and more. */
export const LEAD_BUCKETS_MINUTES = [0, 60, 360, 720, 1440];
/** A bucket needs a day's worth of distinct periods before its figure is trusted (one period is looked at up to ~48 times per bucket). */
export const MIN_PERIODS_PER_BUCKET = 48;

/**
 * Root-mean-square forecast error (bias included: a forecast that always runs high is that much
 * less informative) per lead bucket with enough distinct periods. Never smaller than at a shorter lead:
 * a thin far bucket that happened to do well says nothing the nearer ones do not. Undefined when no
 * bucket has enough periods, so the planner uses forecasts as given.
 */
export function forecastErrorByLead(samples: ForecastErrorSample[]): ForecastErrorAtLead[] | undefined {
  const squares = LEAD_BUCKETS_MINUTES.map(() => 0);
  const counts = LEAD_BUCKETS_MINUTES.map(() => 0);
  const periods = LEAD_BUCKETS_MINUTES.map(() => new Set<number>());
  for (const s of samples) {
    if (!Number.isFinite(s.error) || !Number.isFinite(s.leadMinutes)) continue;
    const b = bucketOf(Math.max(0, s.leadMinutes));
    squares[b] += s.error * s.error;
    counts[b]++;
    periods[b].add(s.periodStartMs);
  }
  const out: ForecastErrorAtLead[] = [];
  let floor = 0;
  LEAD_BUCKETS_MINUTES.forEach((fromLeadMinutes, b) => {
    if (periods[b].size < MIN_PERIODS_PER_BUCKET) return;
    floor = Math.max(floor, Math.sqrt(squares[b] / counts[b]));
    out.push({ fromLeadMinutes, sdGPerKWh: floor });
  });
  return out.length > 0 ? out : undefined;
}

function bucketOf(leadMinutes: number): number {
  let b = 0;
  while (b + 1 < LEAD_BUCKETS_MINUTES.length && leadMinutes >= LEAD_BUCKETS_MINUTES[b + 1]) b++;
  return b;
}

const MAX_LAG = 8;
/** Pairs of looks needed at lag 1 before a correlation is trusted (about a day of 48 h forecasts). */
export const MIN_CORRELATION_PAIRS = 1000;

/**
 * How one forecast's errors move together across its target periods: the errors of one look,
 * each divided by the error sd at its lead, are correlated between periods 1-8 half hours apart
 * (pooled over looks), and an AR(1) ρ per half hour is fitted to those correlations by least
 * squares. Undefined with too few pairs. Samples need `lookAtMs`; periods are half hours.
 */
export function forecastErrorCorrelation(samples: ForecastErrorSample[], errors: ForecastErrorAtLead[], halfHourMs = 1_800_000): number | undefined {
  const looks = new Map<number, Map<number, number>>();
  for (const s of samples) {
    if (s.lookAtMs === undefined || !Number.isFinite(s.error)) continue;
    const sd = errorAtLead(errors, s.leadMinutes);
    if (!(sd > 0)) continue;
    let look = looks.get(s.lookAtMs);
    if (!look) looks.set(s.lookAtMs, (look = new Map()));
    look.set(s.periodStartMs, s.error / sd);
  }
  const xy = new Float64Array(MAX_LAG + 1);
  const xx = new Float64Array(MAX_LAG + 1);
  const yy = new Float64Array(MAX_LAG + 1);
  const pairs = new Float64Array(MAX_LAG + 1);
  for (const look of looks.values()) {
    for (const [period, z] of look) {
      for (let d = 1; d <= MAX_LAG; d++) {
        const w = look.get(period + d * halfHourMs);
        if (w === undefined) continue;
        xy[d] += z * w;
        xx[d] += z * z;
        yy[d] += w * w;
        pairs[d]++;
      }
    }
  }
  if (pairs[1] < MIN_CORRELATION_PAIRS) return undefined;
  const r = Array.from({ length: MAX_LAG + 1 }, (_, d) => (d > 0 && xx[d] > 0 && yy[d] > 0 ? xy[d] / Math.sqrt(xx[d] * yy[d]) : NaN));
  let best = 0;
  let bestLoss = Infinity;
  for (let rho = 0; rho <= 0.99 + 1e-9; rho += 0.001) {
    let loss = 0;
    for (let d = 1; d <= MAX_LAG; d++) if (Number.isFinite(r[d])) loss += (r[d] - rho ** d) ** 2;
    if (loss < bestLoss) [best, bestLoss] = [rho, loss];
  }
  return Math.round(best * 1000) / 1000;
}
