import type { IndexBands } from "@/lib/domain/planner";

/** Shared by the savings benchmark and its variants: same seed, same series. */
export const SEED = 20_260_123;
// NESO index bands (ukci_index_bands_gco2_per_kwh.csv), inclusive upper bounds.
export const BANDS: Record<string, IndexBands> = {
  "2020": { veryLow: 54, low: 149, moderate: 229, high: 349 },
  "2025": { veryLow: 29, low: 99, moderate: 179, high: 249 },
};
export const REGIONS = [
  { region: "GB-2020", file: "lwa2020_gb_ci.csv", year: "2020" },
  { region: "DE-2020", file: "lwa2020_de_ci.csv", year: "2020" },
  { region: "FR-2020", file: "lwa2020_fr_ci.csv", year: "2020" },
  { region: "GB-2025", file: "lwafork2025_gb_ci.csv", year: "2025" },
  { region: "DE-2025", file: "lwafork2025_de_ci.csv", year: "2025" },
  { region: "FR-2025", file: "lwafork2025_fr_ci.csv", year: "2025" },
  { region: "CA-2025", file: "lwafork2025_ca_ci.csv", year: "2025" },
];
