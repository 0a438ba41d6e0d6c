// Figures per segment and per 30-minute period: energy, intensity, operational and embodied carbon.
import type { Coefficients } from "./coefficients";
import { embodiedCarbonG } from "./embodied";
import { segmentEnergy } from "./energy";
import { intensityAt, operationalCarbonG } from "./operational";
import { periodStartOf } from "./segments";
import type { HardwareProfile, PeriodFigures, Reading, Segment } from "./types";

export type SegmentFigures = PeriodFigures; // one segment, its period's intensity

export function segmentFigures(segments: Segment[], readings: Reading[], server: HardwareProfile, c: Coefficients): SegmentFigures[] {
  return segments.map((s) => {
    const energy = segmentEnergy(s, server, c);
    const periodStart = periodStartOf(s.start);
    const intensity = intensityAt(readings, periodStart, c);
    return {
      ...energy,
      periodStart,
      activeSeconds: s.durationS,
      gCO2PerKWh: intensity.gCO2PerKWh,
      basis: intensity.basis,
      operationalCarbonG: operationalCarbonG(energy.energyKwh, intensity.gCO2PerKWh),
      embodiedCarbonG: embodiedCarbonG(server, s.durationS),
    };
  });
}

const ADDITIVE = ["cpuKwh", "gpuKwh", "memoryKwh", "networkKwh", "energyKwh", "activeSeconds", "operationalCarbonG", "embodiedCarbonG"] as const;

/** Sums segment figures by period, in time order. */
export function byPeriod(figures: SegmentFigures[]): PeriodFigures[] {
  const periods = new Map<number, PeriodFigures>();
  for (const f of figures) {
    const key = f.periodStart.getTime();
    const seen = periods.get(key);
    if (!seen) periods.set(key, { ...f });
    else for (const k of ADDITIVE) seen[k] += f[k];
  }
  return [...periods.values()].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
}

export function total(figures: Pick<PeriodFigures, (typeof ADDITIVE)[number]>[], key: (typeof ADDITIVE)[number]): number {
  return figures.reduce((t, f) => t + f[key], 0);
}
