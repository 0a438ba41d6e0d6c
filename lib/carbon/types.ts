import type { Zone } from "./zones";

export { ProviderError, isProviderError } from "./errors";
export type { ProviderErrorKind } from "./errors";
export type { Zone } from "./zones";

export const INTENSITY_INDEXES = ["very low", "low", "moderate", "high", "very high"] as const;
export type IntensityIndex = (typeof INTENSITY_INDEXES)[number];

/** One interval of grid carbon intensity. Every provider normalises to this. */
export interface IntensityReading {
  start: Date;
  end: Date;
  gCO2PerKWh: number;
  kind: "forecast" | "actual";
  index?: IntensityIndex;
  /** Who said so and on what basis, e.g. `uk-carbon-intensity:national`, `watttime:co2_moer:marginal`. */
  source: string;
}

export interface GenerationMix {
  start: Date;
  end: Date;
  fuels: { fuel: string; percent: number }[];
}

export interface IntensityProvider {
  id: string;
  /** The interval containing now, or null when the provider has nothing for it. */
  current(zone: Zone): Promise<IntensityReading | null>;
  /** Readings overlapping [from, from + hours). May be shorter than asked: horizons are provider-bound. */
  forecast(zone: Zone, from: Date, hours: number): Promise<IntensityReading[]>;
  /** Readings overlapping [from, to), oldest first. */
  history(zone: Zone, from: Date, to: Date): Promise<IntensityReading[]>;
  generationMix?(zone: Zone, at: Date): Promise<GenerationMix | null>;
}
