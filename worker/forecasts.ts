// The planner's view of each zone: stored readings from an hour ago to 48 h ahead, whether the
// zone's refresh is failing (stale), and how far its forecasts can be trusted: a prior from past
// actuals and the forecast error by lead measured from stored forecast versions. With those the
// planner discounts far-ahead dips that are mostly noise (lib/domain/planner, "Forecast uncertainty").
import { errorSamples, forecastErrorByLead, forecastErrorCorrelation, priorHistoryStart, type TimedValue, zonePrior } from "@/lib/domain/forecast-uncertainty";
import type { ForecastErrorAtLead, IntensityReading, ZoneForecast } from "@/lib/domain/planner";
import { readActuals, readForAccuracy, readForecast, refreshStateOf, type StoredReading } from "@/lib/data/intensity";
import { ZoneCache } from "@/worker/zone-cache";

const LOOKBACK_MS = 60 * 60_000;
const HORIZON_MS = 48 * 60 * 60_000;
/** Forecast error is measured over the periods of the last two weeks… */
const ERROR_WINDOW_MS = 14 * 24 * 60 * 60_000;
/** …and re-measured about every six hours (spread per zone): it moves slowly, and two weeks of versions is a large read. */
const ERROR_TTL_MS = 6 * 60 * 60_000;
/** The prior's actuals are re-read about every half hour, as new actuals arrive. */
const ACTUALS_TTL_MS = 30 * 60_000;
/** After a failed read, the tick plans on forecasts as given for this long before trying again. */
const RETRY_MS = 10 * 60_000;
/** How long a tick waits for a zone's first measurement before planning without it. */
const FIRST_LOAD_WAIT_MS = 10_000;

type MeasuredError = { sd: ForecastErrorAtLead[]; correlation?: number };
const errorCache = new ZoneCache<MeasuredError | undefined>({ ttlMs: ERROR_TTL_MS, retryMs: RETRY_MS });
const actualsCache = new ZoneCache<StoredReading[]>({ ttlMs: ACTUALS_TTL_MS, retryMs: RETRY_MS });

/** Forget what was measured (tests, and a worker that wants a fresh look). */
export function clearForecastUncertaintyCache(): void {
  errorCache.clear();
  actualsCache.clear();
}

type Uncertainty = Pick<ZoneForecast, "prior" | "forecastErrorSd" | "forecastErrorCorrelation" | "priorPersistence" | "priorAutocorrelation" | "priorAnchoredAt">;

export type LoadForecastsOptions = {
  log?: (line: string) => void;
  /** How a zone's uncertainty is measured (tests replace it). */
  measure?: (zone: string, readings: IntensityReading[], now: Date) => Promise<Uncertainty>;
};

export async function loadForecasts(zones: string[], now: Date, options: LoadForecastsOptions = {}): Promise<ZoneForecast[]> {
  return Promise.all(
    zones.map(async (zone) => {
      const [stored, state] = await Promise.all([
        readForecast(zone, new Date(now.getTime() - LOOKBACK_MS), new Date(now.getTime() + HORIZON_MS)),
        refreshStateOf(zone),
      ]);
      const readings: IntensityReading[] = stored.map((r) => ({ start: r.start, end: r.end, gCO2PerKWh: r.gCO2PerKWh, kind: r.kind, index: r.index ?? undefined }));
      const forecast: ZoneForecast = { zone, readings, stale: !!state?.staleSince, staleSince: state?.staleSince ?? undefined };
      try {
        return { ...forecast, ...(await (options.measure ?? uncertaintyOf)(zone, readings, now)) };
      } catch (e) {
        // Planning on forecasts as given is the safe fallback: the tick must not fail for this.
        options.log?.(`forecast uncertainty for zone ${zone} unavailable, planning on forecasts as given: ${(e as Error).message}`);
        return forecast;
      }
    }),
  );
}

/**
 * The zone's prior and error by lead, or nothing when it has too little history: no actuals at all
 * (UK regions and postcodes publish forecasts only), fewer than about 20 days of them, or no lead
 * bucket with a day's worth of forecast periods to compare.
 */
async function uncertaintyOf(zone: string, readings: IntensityReading[], now: Date): Promise<Uncertainty> {
  const nowMs = now.getTime();
  const actuals = await actualsCache.get(zone, nowMs, () => readActuals(zone, priorHistoryStart(now), now), FIRST_LOAD_WAIT_MS);
  const current = readings.find((r) => r.start.getTime() <= nowMs && nowMs < r.end.getTime());
  const { prior, persistence, autocorrelation, anchoredAt } = zonePrior(withFreshActuals(actuals, readings), now, new Date(nowMs + HORIZON_MS), current);
  // Without a prior the error by lead is of no use: skip its large read.
  if (prior.length === 0) return {};
  const measured = await errorCache.get(
    zone,
    nowMs,
    async () => {
      const { forecasts, actuals: recent } = await readForAccuracy(zone, new Date(nowMs - ERROR_WINDOW_MS), now);
      const samples = errorSamples(forecasts, recent);
      const sd = forecastErrorByLead(samples);
      return sd && { sd, correlation: forecastErrorCorrelation(samples, sd) };
    },
    FIRST_LOAD_WAIT_MS,
  );
  if (!measured) return {};
  return { prior, forecastErrorSd: measured.sd, forecastErrorCorrelation: measured.correlation, priorPersistence: persistence, priorAutocorrelation: autocorrelation, priorAnchoredAt: anchoredAt };
}

/**
 * The cached actuals (re-read every half hour) with this tick's own: the prior is anchored on the
 * latest actual, which the cache may not have yet. A period in both keeps this tick's value.
 */
function withFreshActuals(cached: StoredReading[], readings: IntensityReading[]): TimedValue[] {
  const fresh = readings.filter((r) => r.kind === "actual");
  if (fresh.length === 0) return cached;
  const seen = new Set(fresh.map((r) => r.start.getTime()));
  return [...cached.filter((a) => !seen.has(a.start.getTime())), ...fresh];
}
