// The planner's view of each zone: stored readings from an hour ago to 48 h ahead, whether the
// zone's refresh is failing (stale), and how far its forecasts can be trusted: a prior from past
// actuals and the forecast error by lead measured from stored forecast versions. With those the
// planner discounts far-ahead dips that are mostly noise (lib/domain/planner, "Forecast uncertainty").
import { errorSamples, forecastErrorByLead, priorHistoryStart, zonePrior } from "@/lib/domain/forecast-uncertainty";
import type { ForecastErrorAtLead, IntensityReading, ZoneForecast } from "@/lib/domain/planner";
import { readActuals, readForAccuracy, readForecast, refreshStateOf, type StoredReading } from "@/lib/data/intensity";

const LOOKBACK_MS = 60 * 60_000;
const HORIZON_MS = 48 * 60 * 60_000;
const HALF_HOUR_MS = 30 * 60_000;
/** Forecast error is measured over the periods of the last two weeks… */
const ERROR_WINDOW_MS = 14 * 24 * 60 * 60_000;
/** …and re-measured every six hours: it moves slowly, and two weeks of versions is a large read. */
const ERROR_TTL_MS = 6 * 60 * 60_000;

type Cached<T> = { key: number; value: Promise<T> };
const actualsCache = new Map<string, Cached<StoredReading[]>>();
const errorCache = new Map<string, Cached<ForecastErrorAtLead[] | undefined>>();

/** Cached per zone and time bucket; a failed read is forgotten so the next tick tries again. */
function cached<T>(cache: Map<string, Cached<T>>, zone: string, key: number, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(zone);
  if (hit && hit.key === key) return hit.value;
  const value = load();
  cache.set(zone, { key, value });
  value.catch(() => cache.get(zone)?.value === value && cache.delete(zone));
  return value;
}

/** Forget what was measured (tests, and a worker that wants a fresh look). */
export function clearForecastUncertaintyCache(): void {
  actualsCache.clear();
  errorCache.clear();
}

type Uncertainty = Pick<ZoneForecast, "prior" | "forecastErrorSd">;

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

async function uncertaintyOf(zone: string, readings: IntensityReading[], now: Date): Promise<Uncertainty> {
  const nowMs = now.getTime();
  const forecastErrorSd = await cached(errorCache, zone, Math.floor(nowMs / ERROR_TTL_MS), async () => {
    const { forecasts, actuals } = await readForAccuracy(zone, new Date(nowMs - ERROR_WINDOW_MS), now);
    return forecastErrorByLead(errorSamples(forecasts, actuals));
  });
  if (!forecastErrorSd) return {};
  const actuals = await cached(actualsCache, zone, Math.floor(nowMs / HALF_HOUR_MS), () => readActuals(zone, priorHistoryStart(now), now));
  const current = readings.find((r) => r.start.getTime() <= nowMs && nowMs < r.end.getTime());
  const prior = zonePrior(actuals, now, new Date(nowMs + HORIZON_MS), current?.gCO2PerKWh);
  return prior.length > 0 ? { prior, forecastErrorSd } : {};
}
