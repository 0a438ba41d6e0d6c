// Shapes shared by the accounting terms. Times are Dates; energy kWh; carbon gCO2e.
import type { Coefficients } from "./coefficients";

export type Sample = {
  at: Date;
  /** Share of the host's CPU capacity the run's processes used, 0–100. */
  cpuRunPercent: number | null;
  cpuHostPercent: number | null;
  memoryRunMb: number | null;
  /** Host RAPL counter (sum of zones), µJ; wraps, so only forward differences count. */
  raplEnergyUj: number | null;
  raplPowerWatts: number | null;
  gpuPowerWatts: number | null;
};

export type Piece = { start: Date; end: Date | null };

export type HardwareProfile = {
  cpuTdpWatts: number;
  vcpusTotal: number;
  vcpusAvailable: number;
  maxConcurrentTasks: number;
  memoryGb: number;
  embodiedGco2e: number;
  lifespanYears: number;
};

export type IntensityKind = "forecast" | "actual";
export type Reading = { start: Date; end: Date; gCO2PerKWh: number; kind: IntensityKind };
export type PeriodBasis = IntensityKind | "fallback";
export type IntensityBasis = "actual" | "forecast" | "mixed" | "fallback";

export type FunctionalUnit = { name: string; count: number };

export type AccountingInput = {
  startedAt: Date;
  finishedAt: Date;
  queuedAt: Date;
  /** Active pieces (between pauses); empty means one piece from start to finish. */
  pieces: Piece[];
  samples: Sample[];
  server: HardwareProfile;
  /** Readings for the server's zone over the run's span. */
  readings: Reading[];
  /** Readings over the counterfactual span (from queuedAt). */
  counterfactualReadings: Reading[];
  functionalUnit: FunctionalUnit;
  /** Data the run sent or received, GB, when known (spread over its active time). */
  networkGb?: number;
  coefficients?: Partial<Coefficients>;
};

/**
 * One stretch of constant behaviour inside one 30-minute period: the row of the IF manifest.
 * `cpuUtilisation` is of the run's allocated vCPUs, or "off" when the CPU energy is measured.
 */
export type Segment = {
  start: Date;
  durationS: number;
  cpuUtilisation: number | "off";
  measuredCpuWatts: number;
  gpuWatts: number;
  memoryGb: number;
  networkGb: number;
};

export type EnergyTerms = { cpuKwh: number; gpuKwh: number; memoryKwh: number; networkKwh: number; energyKwh: number };

export type PeriodFigures = EnergyTerms & {
  periodStart: Date;
  activeSeconds: number;
  gCO2PerKWh: number;
  basis: PeriodBasis;
  operationalCarbonG: number;
  embodiedCarbonG: number;
};

export type RunAccounting = {
  energyMethod: string;
  cpuEnergyKwh: number;
  gpuEnergyKwh: number;
  memoryEnergyKwh: number;
  networkEnergyKwh: number;
  energyKwh: number;
  operationalCarbonG: number;
  embodiedCarbonG: number;
  carbonG: number;
  intensityBasis: IntensityBasis;
  functionalUnit: string;
  functionalUnitCount: number;
  sciG: number;
  counterfactualCarbonG: number;
  counterfactualBasis: IntensityBasis;
  savedCarbonG: number;
  activeSeconds: number;
  periods: PeriodFigures[];
  counterfactualPeriods: PeriodFigures[];
};
