import { type ForecastErrorSample, forecastErrorByLead, forecastErrorCorrelation } from "@/lib/domain/forecast-uncertainty";
import type { ForecastErrorAtLead } from "@/lib/domain/planner";
import { gaussian, rng } from "./rng";
import { SLOT_MS, type Series } from "./series";

/**
 * Forecast error model calibrated to the NESO (UK) API sample in /work/shared/data: MAE 8 g/kWh for
 * the final forecast, 16 averaged over 0-24 h lead, 20 over 24-48 h (sample mean 129 g/kWh, sd 66).
 * Carried to another series in proportion to its standard deviation (default, `std`) or its mean
 * (`level`), so FR (≈ 30-56 g/kWh) is not drowned in a GB-sized absolute error.
 *
 * The error of the forecast for slot t issued L slots ahead is the sum of the components whose lead
 * bucket starts at or below L. Each component is a Gaussian AR(1) in t (ρ = 0.9 per half hour,
 * errors persist for hours, like a missed weather front), the same at every issue time, so the
 * forecast for a slot only changes when its lead crosses a bucket edge: forecasts sharpen as the
 * slot approaches instead of jittering tick by tick. Fixed seed.
 */
const BUCKETS = [
  { fromLead: 0, mae: 8 }, // < 1 h: the final forecast
  { fromLead: 2, mae: 12 }, // 1-6 h
  { fromLead: 12, mae: 15 }, // 6-12 h
  { fromLead: 24, mae: 19 }, // 12-24 h  (0-24 h average ≈ 16)
  { fromLead: 48, mae: 20 }, // 24-48 h
];
const UK_SAMPLE_MEAN = 129.3;
const UK_SAMPLE_STD = 66.4;
const RHO = 0.9;

export type ForecastModel = { forecast: (slot: number, issuedAt: number) => number; scale: number };

/** How the UK error is carried over to another series: by its mean level, or by its variability. */
export type ErrorScale = "std" | "level";

export function errorScale(s: Series, how: ErrorScale): number {
  if (how === "level") return s.mean / UK_SAMPLE_MEAN;
  const sd = Math.sqrt(s.values.reduce((a, v) => a + (v - s.mean) ** 2, 0) / s.values.length);
  return sd / UK_SAMPLE_STD;
}

/**
 * `rhoByBucket` (sensitivity only): the AR(1) coefficient of each lead bucket's component instead of
 * 0.9 for all. The recorded UK final forecasts' errors decorrelate faster (lag-1 0.69, lag-2 0.34,
 * lag-4 0.04 over 143 half hours); their day-ahead errors about as fast as the model (lag-1 0.89-0.93).
 */
export function calibratedForecast(s: Series, seed: number, how: ErrorScale = "std", rhoByBucket?: number[]): ForecastModel {
  const scale = errorScale(s, how);
  const normal = gaussian(rng(seed));
  const n = s.values.length;
  const cumulative: Float64Array[] = [];
  let prevVar = 0;
  for (const [i, b] of BUCKETS.entries()) {
    const rho = rhoByBucket?.[i] ?? RHO;
    const sigma = b.mae * scale * Math.sqrt(Math.PI / 2);
    const incSd = Math.sqrt(Math.max(0, sigma * sigma - prevVar));
    prevVar = sigma * sigma;
    const z = new Float64Array(n);
    z[0] = incSd * normal();
    for (let t = 1; t < n; t++) z[t] = rho * z[t - 1] + Math.sqrt(1 - rho * rho) * incSd * normal();
    const prev = cumulative[cumulative.length - 1];
    cumulative.push(prev ? z.map((v, t) => v + prev[t]) : z);
  }
  const forecast = (slot: number, issuedAt: number) => {
    const lead = slot - issuedAt;
    let b = 0;
    while (b + 1 < BUCKETS.length && lead >= BUCKETS[b + 1].fromLead) b++;
    return Math.max(0, s.values[slot] + cumulative[b][slot]);
  };
  return { forecast, scale };
}

export function perfectForecast(s: Series): ForecastModel {
  return { forecast: (slot) => s.values[slot], scale: 0 };
}

/** Empirical MAE of a model by lead band, for the README. */
export function measuredMae(s: Series, m: ForecastModel): { final: number; lead0to24: number; lead24to48: number } {
  const mae = (from: number, to: number) => {
    let sum = 0;
    let count = 0;
    for (let t = 200; t < s.values.length; t += 7) {
      for (let lead = from; lead < to; lead++) {
        sum += Math.abs(m.forecast(t, t - lead) - s.values[t]);
        count++;
      }
    }
    return sum / count;
  };
  return { final: mae(0, 1), lead0to24: mae(0, 48), lead24to48: mae(48, 96) };
}

/** Standard deviation of the model's error at a lead of `leadSlots` half hours (before clipping at 0). */
export function errorSdAtLead(scale: number, leadSlots: number): number {
  let b = 0;
  while (b + 1 < BUCKETS.length && leadSlots >= BUCKETS[b + 1].fromLead) b++;
  return BUCKETS[b].mae * scale * Math.sqrt(Math.PI / 2);
}

/**
 * What the worker would tell the planner about these forecasts: their error by lead measured the way
 * it measures stored forecasts (lib/domain/forecast-uncertainty), over the year's first four weeks.
 */
export function measuredErrorSdByLead(s: Series, m: ForecastModel): ForecastErrorAtLead[] {
  return measuredForecastError(s, m).sd;
}

/** The error by lead and the errors' correlation across target half hours, as the worker measures them. */
export function measuredForecastError(s: Series, m: ForecastModel): { sd: ForecastErrorAtLead[]; correlation?: number } {
  const samples: ForecastErrorSample[] = [];
  for (let slot = 96; slot < 96 + 28 * 48; slot++) {
    for (let lead = 0; lead < 96; lead++) {
      samples.push({ leadMinutes: lead * 30, error: m.forecast(slot, slot - lead) - s.values[slot], periodStartMs: slot * SLOT_MS, lookAtMs: (slot - lead) * SLOT_MS });
    }
  }
  const sd = forecastErrorByLead(samples) ?? [];
  return { sd, correlation: sd.length > 0 ? forecastErrorCorrelation(samples, sd) : undefined };
}

/** Lead buckets of the model as (from lead in minutes, error sd in g/kWh): the model's own figures. */
export function errorSdByLead(scale: number): { fromLeadMinutes: number; sdGPerKWh: number }[] {
  return BUCKETS.map((b) => ({ fromLeadMinutes: b.fromLead * 30, sdGPerKWh: b.mae * scale * Math.sqrt(Math.PI / 2) }));
}
