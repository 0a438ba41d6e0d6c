// How good were the forecasts? Every forecast version ever stored for a period (superseded
// ones included) is compared with the period's actual, grouped by how far ahead it was made.
// Pure: data in, data out.

export interface ForecastVersion {
  start: Date;
  gCO2PerKWh: number;
  fetchedAt: Date;
}

export interface ActualValue {
  start: Date;
  gCO2PerKWh: number;
}

export interface AccuracyBucket {
  /** Lead time range [from, to) in hours: how long before the period started the forecast was fetched. */
  leadHours: [number, number];
  count: number;
  /** Mean of |forecast − actual|, gCO2/kWh. */
  meanAbsoluteError: number | null;
  /** Mean of forecast − actual: positive means forecasts ran high. */
  meanError: number | null;
  /** Mean of |forecast − actual| / actual, in percent (periods with a zero actual are skipped). */
  meanAbsolutePercentageError: number | null;
}

export const DEFAULT_LEAD_BUCKETS: [number, number][] = [[0, 1], [1, 6], [6, 24], [24, 48]];

const HOUR_MS = 3_600_000;

export function forecastAccuracy(forecasts: ForecastVersion[], actuals: ActualValue[], buckets = DEFAULT_LEAD_BUCKETS): AccuracyBucket[] {
  const actualAt = new Map(actuals.map((a) => [a.start.getTime(), a.gCO2PerKWh]));
  const errors = buckets.map(() => ({ abs: 0, signed: 0, pct: 0, pctCount: 0, count: 0 }));
  for (const f of forecasts) {
    const actual = actualAt.get(f.start.getTime());
    if (actual === undefined) continue;
    // A forecast fetched after its period began is a nowcast: lead 0.
    const lead = Math.max(0, (f.start.getTime() - f.fetchedAt.getTime()) / HOUR_MS);
    const i = buckets.findIndex(([lo, hi]) => lead >= lo && lead < hi);
    if (i < 0) continue;
    const diff = f.gCO2PerKWh - actual;
    const e = errors[i];
    e.count += 1;
    e.abs += Math.abs(diff);
    e.signed += diff;
    if (actual !== 0) {
      e.pct += (Math.abs(diff) / Math.abs(actual)) * 100;
      e.pctCount += 1;
    }
  }
  return buckets.map((leadHours, i) => {
    const e = errors[i];
    return {
      leadHours,
      count: e.count,
      meanAbsoluteError: e.count ? e.abs / e.count : null,
      meanError: e.count ? e.signed / e.count : null,
      meanAbsolutePercentageError: e.pctCount ? e.pct / e.pctCount : null,
    };
  });
}
