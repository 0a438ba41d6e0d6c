// The prior is the product's own (lib/domain/forecast-uncertainty), so the benchmark measures what the worker does.
import { anomalyAutocorrelation, type Climatology, climatology as ofValues } from "@/lib/domain/forecast-uncertainty";
import type { Series } from "./series";

export { type Climatology, priorAt } from "@/lib/domain/forecast-uncertainty";

/** The climatology of every slot of a year (the series starts at a midnight). */
export const climatology = (s: Series): Climatology => ofValues(s.values);

/** The anomaly's autocorrelation as the worker measures it for a slot's day, measured once per day. */
export function autocorrelationByDay(s: Series, c: Climatology): (slot: number) => Float64Array | undefined {
  const byDay = new Map<number, Float64Array | undefined>();
  return (slot) => {
    const day = Math.floor(slot / 48);
    if (!byDay.has(day)) byDay.set(day, anomalyAutocorrelation(s.values, c.mean, slot));
    return byDay.get(day);
  };
}
