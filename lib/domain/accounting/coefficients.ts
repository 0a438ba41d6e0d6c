// Every constant the accounting uses, with its source; callers may override any of them.

/** Teads' server power curve as IF's SCI tutorial uses it: CPU utilisation % → share of TDP. */
export const TEADS_CURVE = { x: [0, 10, 50, 100], y: [0.12, 0.32, 0.75, 1.02] } as const;

export type Coefficients = {
  /** Cloud Carbon Footprint `MEMORY_COEFFICIENT`, kWh per GB-hour (mean of Crucial and Micron). */
  memoryKwhPerGbHour: number;
  /** Cloud Carbon Footprint `NETWORKING_COEFFICIENT`, kWh per GB (the smallest published figure). */
  networkKwhPerGb: number;
  /** CCF's utilisation when none is known (`AVG_CPU_UTILIZATION_2020`), percent. */
  defaultCpuUtilisation: number;
  /** CodeCarbon's world-average intensity (IEA 2019), gCO2e/kWh, for periods with no reading. */
  fallbackGCO2PerKWh: number;
  /** A gap between samples longer than this is not bridged by holding the last sample. */
  maxSampleHoldSeconds: number;
};

export const DEFAULT_COEFFICIENTS: Coefficients = {
  memoryKwhPerGbHour: 0.000392,
  networkKwhPerGb: 0.001,
  defaultCpuUtilisation: 50,
  fallbackGCO2PerKWh: 475,
  maxSampleHoldSeconds: 300,
};

export const PERIOD_SECONDS = 1800;

export const withDefaults = (overrides?: Partial<Coefficients>): Coefficients => ({ ...DEFAULT_COEFFICIENTS, ...overrides });
