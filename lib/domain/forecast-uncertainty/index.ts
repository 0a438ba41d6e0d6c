export { anomalyAutocorrelation, climatology, priorAt, type Climatology } from "./climatology";
export { errorSamples, forecastErrorByLead, forecastErrorCorrelation, type ForecastErrorSample, type ForecastVersion } from "./error-by-lead";
export { type CurrentValue, MAX_ANCHOR_LAG_SLOTS, priorHistoryStart, zonePrior, type TimedValue, type ZonePrior } from "./zone-prior";
