import type { ForecastErrorAtLead } from "./types";

/** Error sd of the last entry whose lead has been reached; leads before the first entry use the first. */
export function errorAtLead(errors: ForecastErrorAtLead[], leadMinutes: number): number {
  let sd = errors[0].sdGPerKWh;
  for (const e of errors) if (leadMinutes >= e.fromLeadMinutes) sd = e.sdGPerKWh;
  return sd;
}
