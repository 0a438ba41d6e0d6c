// Public contract of the carbon-aware planner. Others code against these types: extend, do not break.

/** One period of grid carbon intensity. `index` is an optional provider band ("very low" … "very high"). */
export type IntensityReading = {
  start: Date;
  end: Date;
  gCO2PerKWh: number;
  kind: "forecast" | "actual";
  index?: string;
};

/**
 * What is expected before seeing a forecast (e.g. a time-of-day climatology from recent actuals):
 * mean intensity of a period and the standard deviation of actual intensities around that mean.
 */
export type IntensityPrior = {
  start: Date;
  end: Date;
  gCO2PerKWh: number;
  sdGPerKWh: number;
  /** The climatology's own sd (before today's anomaly is known): with `ZoneForecast.priorPersistence`, for the joint posterior. */
  climatologySdGPerKWh?: number;
};

/**
 * All readings known for one zone. `stale` is set by the caller when the provider could not be refreshed.
 * `prior` (optional): with an error sd by lead (the zone's `forecastErrorSd`, else
 * `PlannerConfig.forecastErrorSd`), forecasts are shrunk toward it (see README).
 */
export type ZoneForecast = {
  zone: string;
  readings: IntensityReading[];
  stale?: boolean;
  staleSince?: Date;
  prior?: IntensityPrior[];
  /** This zone's measured forecast error by lead; wins over the config's. */
  forecastErrorSd?: ForecastErrorAtLead[];
  /**
   * With `priorPersistence` (the prior anomaly's AR(1) coefficient per half hour, the prior's first
   * period being now) and `prior[].climatologySdGPerKWh`: the correlation per half hour of target
   * time of one forecast's errors. Forecasts are then shrunk jointly, not reading by reading.
   */
  forecastErrorCorrelation?: number;
  priorPersistence?: number;
  /**
   * Start of the period whose value the prior's anomaly is anchored on (default: the first prior
   * period's). An actual a little before now beats the current period's forecast, whose own error
   * would otherwise be taken as exact; the joint posterior then counts the half hours from there.
   */
  priorAnchoredAt?: Date;
  /**
   * The prior anomaly's measured autocorrelation, indexed by lag in half hours (r[0] = 1), from the
   * anchor on: the joint posterior uses it instead of `priorPersistence`^lag where it reaches.
   */
  priorAutocorrelation?: number[];
};

/** Standard deviation of forecast error from a lead time on (until the next entry's lead). */
export type ForecastErrorAtLead = { fromLeadMinutes: number; sdGPerKWh: number };

export type IndexBand = "very low" | "low" | "moderate" | "high";

export type CarbonPolicy =
  | { kind: "greenest" }
  | { kind: "threshold"; maxGPerKWh?: number; maxIndexBand?: IndexBand }
  | { kind: "run_now" };

export type PlannerTask = {
  id: string;
  /** Remaining run time. For a paused interruptible task, pass what is left. */
  durationMinutes: number;
  deadline?: Date;
  /** Lower = more important. */
  priority: number;
  policy: CarbonPolicy;
  eligibleServerIds: string[];
  interruptible: boolean;
  queuedAt: Date;
  /** Last tick's plan, for hysteresis. */
  current?: { serverId: string; start: Date };
  /** Pauses still allowed (defaults to config.maxPauses); pass the remainder after earlier pauses. */
  pausesLeft?: number;
};

export type PlannerServer = {
  id: string;
  zone: string;
  maxConcurrent: number;
  /** Expected draw of one task there. */
  powerWatts: number;
  /** Running or reserved work. */
  busy: { start: Date; end: Date }[];
};

/** Inclusive upper bounds in g/kWh of each index band (NESO style). */
export type IndexBands = { veryLow: number; low: number; moderate: number; high: number };

export type PlannerConfig = {
  /** Start window for a task without deadline, counted from queuedAt (24). */
  defaultWindowHours: number;
  /** Do not wait unless waiting saves at least this much versus starting now. */
  minSavingPercent: number;
  /**
   * Nor unless it saves at least this many grams CO2e (default 0): a small task does not wait
   * hours for a fraction of a gram, while a large one still waits for a small share of a lot.
   */
  minSavingGrams?: number;
  /** Keep last tick's plan unless the new one is better by more than this. */
  hysteresisPercent: number;
  maxPauses: number;
  /** Planning grid step in minutes (30 or finer). */
  stepMinutes: number;
  /** Defaults to the NESO 2025 bands. */
  indexBands?: IndexBands;
  /**
   * Forecast error by lead time, ascending `fromLeadMinutes`. With a zone's `prior`, each forecast
   * reading becomes the posterior mean prior + k·(forecast − prior), k = sd²/(sd² + error sd²), so
   * far-ahead dips that are mostly noise count for less. A zone's own `forecastErrorSd` wins. Absent
   * both (default): forecasts are used as given.
   */
  forecastErrorSd?: ForecastErrorAtLead[];
  /**
   * A queue on a server that runs one task at a time runs in the order that emits least in all,
   * every task placed by priority staying placed (default). `false`: priority order, each task
   * taking the greenest window left by the more important ones (equal priorities still repaired).
   */
  reorderOneAtATimeQueues?: boolean;
};

export type Piece = { start: Date; end: Date };

export type PlannedDecision = {
  taskId: string;
  serverId: string;
  action: "start_now" | "wait";
  start: Date;
  /** One piece for a continuous run; several for a paused interruptible task. */
  pieces: Piece[];
  /** Forecast carbon of this plan in grams; NaN when the zone has no forecast at all. */
  expectedCarbonG: number;
  /** Forecast carbon of starting at once on the best available server; NaN when unknown. */
  counterfactualCarbonG: number;
  savingPercent: number;
  reason: string;
  dataWarnings: string[];
};

export type InfeasibleDecision = { taskId: string; action: "infeasible"; reason: string };

export type Decision = PlannedDecision | InfeasibleDecision;

export type PlanTickInput = {
  now: Date;
  tasks: PlannerTask[];
  servers: PlannerServer[];
  forecasts: ZoneForecast[];
  config: PlannerConfig;
};
