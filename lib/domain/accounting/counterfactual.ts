// The counterfactual: the same energy profile run at once, from the moment the task was
// queued, without pauses. Saving = counterfactual − actual; it can be negative, and is shown so.
import type { Coefficients } from "./coefficients";
import { segmentFigures, type SegmentFigures } from "./periods";
import { shiftSegments } from "./segments";
import type { HardwareProfile, Reading, Segment } from "./types";

export function counterfactualFigures(segments: Segment[], queuedAt: Date, readings: Reading[], server: HardwareProfile, c: Coefficients): SegmentFigures[] {
  return segmentFigures(shiftSegments(segments, queuedAt), readings, server, c);
}

export const savedCarbonG = (counterfactualCarbonG: number, actualCarbonG: number): number => counterfactualCarbonG - actualCarbonG;
