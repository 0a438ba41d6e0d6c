import type { ZoneGrid } from "./intensity-grid";
import type { CarbonPolicy, IndexBand, IndexBands } from "./types";

/** NESO Carbon Intensity index bands for 2025 (methodology Table 2), inclusive upper bounds. */
export const NESO_2025_BANDS: IndexBands = { veryLow: 29, low: 99, moderate: 179, high: 249 };

const RANK: Record<string, number> = { "very low": 0, low: 1, moderate: 2, high: 3, "very high": 4 };

export function bandRank(gCO2PerKWh: number, bands: IndexBands): number {
  if (gCO2PerKWh <= bands.veryLow) return 0;
  if (gCO2PerKWh <= bands.low) return 1;
  if (gCO2PerKWh <= bands.moderate) return 2;
  if (gCO2PerKWh <= bands.high) return 3;
  return 4;
}

/** A provider's own index wins over the numeric bands; both limits must hold when both are given. */
export function meetsThreshold(
  zone: ZoneGrid,
  slot: number,
  policy: Extract<CarbonPolicy, { kind: "threshold" }>,
  bands: IndexBands,
): boolean {
  const value = zone.values[slot];
  if (policy.maxGPerKWh !== undefined && value > policy.maxGPerKWh) return false;
  if (policy.maxIndexBand === undefined) return true;
  const given = zone.indexes[slot];
  const rank = given !== undefined && given in RANK ? RANK[given] : bandRank(value, bands);
  return rank <= RANK[policy.maxIndexBand satisfies IndexBand];
}
