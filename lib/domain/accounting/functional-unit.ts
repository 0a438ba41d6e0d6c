// Which functional unit a run's SCI is per: the task's declared unit and count, else a count
// the run printed (`GRIDSHIFT_FUNCTIONAL_UNITS=<n>`), else one "run".
import type { FunctionalUnit } from "./types";

const LINE = /^\s*GRIDSHIFT_FUNCTIONAL_UNITS=(\d+(?:\.\d+)?)\s*$/gm;
const NETWORK_LINE = /^\s*GRIDSHIFT_NETWORK_GB=(\d+(?:\.\d+)?)\s*$/gm;

/** The last count the run printed on a line of its own; null when none or not positive. */
function lastValue(pattern: RegExp, log: string): number | null {
  let value: number | null = null;
  for (const match of log.matchAll(pattern)) value = Number(match[1]);
  return value !== null && Number.isFinite(value) && value > 0 ? value : null;
}

export const functionalUnitsFromLog = (log: string): number | null => lastValue(LINE, log);
export const networkGbFromLog = (log: string): number | null => lastValue(NETWORK_LINE, log);

export function resolveFunctionalUnit(task: { functionalUnit: string | null; functionalUnitCount: number | null }, fromLog: number | null): FunctionalUnit {
  if (task.functionalUnitCount !== null && task.functionalUnitCount > 0) return { name: task.functionalUnit || "units", count: task.functionalUnitCount };
  if (fromLog !== null) return { name: task.functionalUnit || "units", count: fromLog };
  return { name: "run", count: 1 };
}
