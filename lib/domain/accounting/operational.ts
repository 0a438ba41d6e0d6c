// Operational carbon: each segment's energy × the intensity of its 30-minute period, the
// actual reading where one has landed, else the forecast, else a documented fallback.
import type { Coefficients } from "./coefficients";
import type { IntensityBasis, PeriodBasis, Reading } from "./types";

export type PeriodIntensity = { gCO2PerKWh: number; basis: PeriodBasis };

export function intensityAt(readings: Reading[], at: Date, c: Coefficients): PeriodIntensity {
  const t = at.getTime();
  const covering = readings.filter((r) => r.start.getTime() <= t && t < r.end.getTime());
  const best = covering.find((r) => r.kind === "actual") ?? covering.find((r) => r.kind === "forecast");
  return best ? { gCO2PerKWh: best.gCO2PerKWh, basis: best.kind } : { gCO2PerKWh: c.fallbackGCO2PerKWh, basis: "fallback" };
}

export const operationalCarbonG = (energyKwh: number, gCO2PerKWh: number): number => energyKwh * gCO2PerKWh;

/** "actual" only when every period is; a single basis when all agree; otherwise "mixed". */
export function combineBases(bases: PeriodBasis[]): IntensityBasis {
  const kinds = new Set(bases);
  if (kinds.size === 0) return "actual";
  if (kinds.size === 1) return [...kinds][0];
  return "mixed";
}
