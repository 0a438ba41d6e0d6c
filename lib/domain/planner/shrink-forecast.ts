import { errorAtLead } from "./error-at-lead";
import { jointShrink } from "./joint-shrink";
import type { ForecastErrorAtLead, IntensityPrior, IntensityReading, ZoneForecast } from "./types";

export { errorAtLead };

/**
 * Forecasts shrunk toward the zone's prior: jointly over the horizon when the zone gives its errors'
 * correlation and its prior's persistence (joint-shrink.ts), else a Gaussian posterior mean per
 * reading, prior + k·(forecast − prior) with k = sd² / (sd² + error sd at the reading's lead²).
 * A dip forecast 30 h ahead is mostly noise where the error is large next to how much the grid
 * usually varies, and chasing it loses the good hours nearer by (the optimiser's curse); a dip an
 * hour ahead is kept. Actuals, readings with no prior over their midpoint, and a zone or config
 * without the data are returned unchanged (the same object when nothing applies).
 */
export function shrinkForecast(forecast: ZoneForecast | undefined, errors: ForecastErrorAtLead[] | undefined, nowMs: number): ZoneForecast | undefined {
  if (!forecast?.prior?.length || !errors?.length) return forecast;
  const prior = [...forecast.prior].sort((a, b) => a.start.getTime() - b.start.getTime());
  const byLead = [...errors].sort((a, b) => a.fromLeadMinutes - b.fromLeadMinutes);
  const { forecastErrorCorrelation: rho, priorPersistence: a } = forecast;
  const shape = rho !== undefined && a !== undefined ? { rho, persistence: a, autocorrelation: forecast.priorAutocorrelation, anchoredAt: forecast.priorAnchoredAt } : undefined;
  const joint = shape && jointShrink(forecast.readings, prior, byLead, shape, nowMs, (ms) => covering(prior, ms));
  const readings = joint ?? forecast.readings.map((r) => shrinkReading(r, prior, byLead, nowMs));
  return { ...forecast, readings };
}

function shrinkReading(r: IntensityReading, prior: IntensityPrior[], errors: ForecastErrorAtLead[], nowMs: number): IntensityReading {
  if (r.kind !== "forecast") return r;
  const mid = (r.start.getTime() + r.end.getTime()) / 2;
  const p = covering(prior, mid);
  if (!p || !Number.isFinite(p.gCO2PerKWh) || !(p.sdGPerKWh >= 0)) return r;
  const errorSd = errorAtLead(errors, (r.start.getTime() - nowMs) / 60_000);
  if (!(errorSd > 0)) return r;
  const signal = p.sdGPerKWh * p.sdGPerKWh;
  const k = signal / (signal + errorSd * errorSd);
  return { ...r, gCO2PerKWh: p.gCO2PerKWh + k * (r.gCO2PerKWh - p.gCO2PerKWh) };
}

/** The prior period containing `ms` (binary search over priors sorted by start). */
function covering(prior: IntensityPrior[], ms: number): IntensityPrior | undefined {
  let lo = 0;
  let hi = prior.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (prior[m].start.getTime() > ms) hi = m - 1;
    else if (prior[m].end.getTime() <= ms) lo = m + 1;
    else return prior[m];
  }
  return undefined;
}
