export { climatology, priorAt, type Climatology } from "./climatology";
export { errorSamples, forecastErrorByLead, type ForecastErrorSample, type ForecastVersion } from "./error-by-lead";
export { priorHistoryStart, zonePrior, type TimedValue } from "./zone-prior";
