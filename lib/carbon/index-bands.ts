import type { IntensityIndex } from "./types";

/**
 * NESO Carbon Intensity Index bands, gCO2/kWh, lower bound of each band.
 * Source: "Table 2: Numerical bands for the Carbon Intensity Index", NESO Carbon Intensity
 * Forecast Methodology (January 2021), repo carbon-intensity/methodology; transcribed in
 * /work/shared/data/ukci_index_bands_gco2_per_kwh.csv. Licence CC BY 4.0.
 *
 * As printed, from 2018 the top of "high" equals the start of "very high" (2023: high
 * 200–290, very high 290+). We resolve the overlap as the table's "N+" reads: a value equal
 * to the very-high minimum is very high.
 */
interface YearBands {
  low: number;
  moderate: number;
  high: number;
  veryHigh: number;
}

export const INDEX_BANDS: Readonly<Record<number, YearBands>> = {
  2017: { low: 100, moderate: 200, high: 300, veryHigh: 400 },
  2018: { low: 80, moderate: 180, high: 280, veryHigh: 380 },
  2019: { low: 60, moderate: 160, high: 260, veryHigh: 360 },
  2020: { low: 55, moderate: 150, high: 230, veryHigh: 350 },
  2021: { low: 50, moderate: 140, high: 220, veryHigh: 330 },
  2022: { low: 45, moderate: 130, high: 210, veryHigh: 310 },
  2023: { low: 40, moderate: 120, high: 200, veryHigh: 290 },
  2024: { low: 35, moderate: 110, high: 190, veryHigh: 270 },
  2025: { low: 30, moderate: 100, high: 180, veryHigh: 250 },
  2026: { low: 25, moderate: 90, high: 170, veryHigh: 230 },
  2027: { low: 20, moderate: 80, high: 160, veryHigh: 210 },
  2028: { low: 15, moderate: 70, high: 150, veryHigh: 190 },
  2029: { low: 10, moderate: 60, high: 140, veryHigh: 170 },
  2030: { low: 5, moderate: 50, high: 130, veryHigh: 150 },
};

const FIRST_YEAR = 2017;
const LAST_YEAR = 2030;

/** Bands for the UTC year of `date`, clamped to the published 2017–2030 range. */
export function bandsFor(date: Date): YearBands {
  const year = Math.min(LAST_YEAR, Math.max(FIRST_YEAR, date.getUTCFullYear()));
  return INDEX_BANDS[year];
}

/**
 * The NESO index for a value at a date. The published bands are whole numbers; values in
 * between (e.g. 39.5 in 2023) fall into the lower band, as the API itself reports integers.
 */
export function indexBandFor(value: number, date: Date): IntensityIndex {
  const bands = bandsFor(date);
  if (value >= bands.veryHigh) return "very high";
  if (value >= bands.high) return "high";
  if (value >= bands.moderate) return "moderate";
  if (value >= bands.low) return "low";
  return "very low";
}
