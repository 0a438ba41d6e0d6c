import type { IntensityReading, PlannerConfig, PlannerServer, PlannerTask } from "./types";

export const HALF_HOUR = 1_800_000;
export const T0 = Date.UTC(2026, 0, 5, 0, 0);

export const baseConfig: PlannerConfig = {
  defaultWindowHours: 24,
  minSavingPercent: 0,
  hysteresisPercent: 0,
  maxPauses: 0,
  stepMinutes: 30,
};

/** Half-hourly forecast readings starting at `from`. */
export function halfHourly(values: number[], from = T0, kind: IntensityReading["kind"] = "forecast"): IntensityReading[] {
  return values.map((g, i) => ({
    start: new Date(from + i * HALF_HOUR),
    end: new Date(from + (i + 1) * HALF_HOUR),
    gCO2PerKWh: g,
    kind,
  }));
}

export function server(id: string, zone = "GB", maxConcurrent = 1, powerWatts = 1000): PlannerServer {
  return { id, zone, maxConcurrent, powerWatts, busy: [] };
}

export function task(id: string, over: Partial<PlannerTask> = {}): PlannerTask {
  return {
    id,
    durationMinutes: 60,
    priority: 1,
    policy: { kind: "greenest" },
    eligibleServerIds: ["s1"],
    interruptible: false,
    queuedAt: new Date(T0),
    ...over,
  };
}

export function at(halfHours: number): Date {
  return new Date(T0 + halfHours * HALF_HOUR);
}
