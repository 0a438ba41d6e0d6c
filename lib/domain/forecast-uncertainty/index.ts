export { anomalyAutocorrelation, climatology, priorAt, type Climatology } from "./climatology";
export { errorSamples, forecastErrorByLead, forecastErrorCorrelation, type ForecastErrorSample, type ForecastVersion } from "./error-by-lead";
export { type CurrentValue, priorHistoryStart, zonePrior, type TimedValue, type ZonePrior } from "./zone-prior";
