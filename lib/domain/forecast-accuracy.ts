// How good were the forecasts? What each period's forecast said at every half hour before it
// began (the version then in force, superseded ones included) is compared with the period's
// actual, grouped by how far ahead. Pure: data in, data out.
import { errorSamples, type ForecastVersion } from "@/lib/domain/forecast-uncertainty";

export type { ForecastVersion };

export interface ActualValue {
  start: Date;
  gCO2PerKWh: number;
}

export interface AccuracyBucket {
  /** Lead time range [from, to) in hours: how long before the period started the forecast was in force. */
  leadHours: [number, number];
  /** Half-hourly looks at a forecast in force (a period forecast 48 h ahead counts about 96 times). */
  count: number;
  /** Mean of |forecast − actual|, gCO2/kWh. */
  meanAbsoluteError: number | null;
  /** Mean of forecast − actual: positive means forecasts ran high. */
  meanError: number | null;
  /** Mean of |forecast − actual| / actual, in percent (periods with a zero actual are skipped). */
  meanAbsolutePercentageError: number | null;
}

export const DEFAULT_LEAD_BUCKETS: [number, number][] = [[0, 1], [1, 6], [6, 24], [24, 48]];

export function forecastAccuracy(forecasts: ForecastVersion[], actuals: ActualValue[], buckets = DEFAULT_LEAD_BUCKETS): AccuracyBucket[] {
  const errors = buckets.map(() => ({ abs: 0, signed: 0, pct: 0, pctCount: 0, count: 0 }));
  for (const s of errorSamples(forecasts, actuals)) {
    // Looked at after its period began: a nowcast, lead 0.
    const lead = Math.max(0, s.leadMinutes / 60);
    const i = buckets.findIndex(([lo, hi]) => lead >= lo && lead < hi);
    if (i < 0) continue;
    const e = errors[i];
    e.count += 1;
    e.abs += Math.abs(s.error);
    e.signed += s.error;
    if (s.actual) {
      e.pct += (Math.abs(s.error) / Math.abs(s.actual)) * 100;
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
