// The chart series of one run: its power (W) as steps, with the grid intensity of each
// 30-minute period behind it. Paused time shows 0 W.
import { PERIOD_SECONDS, withDefaults } from "./coefficients";
import { segmentEnergy } from "./energy";
import { intensityAt } from "./operational";
import { buildSegments, periodStartOf } from "./segments";
import type { AccountingInput, PeriodBasis } from "./types";

export type ProfilePoint = { t: number; watts: number; gCO2PerKWh: number; basis: PeriodBasis };

export function powerProfile(input: AccountingInput): ProfilePoint[] {
  const c = withDefaults(input.coefficients);
  const segments = buildSegments(input, c).map((s) => ({
    from: s.start.getTime(),
    to: s.start.getTime() + s.durationS * 1000,
    watts: (segmentEnergy(s, input.server, c).energyKwh * 3_600_000) / s.durationS,
  }));
  const end = input.finishedAt.getTime();
  const cuts = new Set<number>([input.startedAt.getTime(), end]);
  for (const s of segments) cuts.add(s.from).add(s.to);
  for (let p = periodStartOf(input.startedAt).getTime() + PERIOD_SECONDS * 1000; p < end; p += PERIOD_SECONDS * 1000) cuts.add(p);
  return [...cuts]
    .filter((t) => t >= input.startedAt.getTime() && t <= end)
    .sort((a, b) => a - b)
    .map((t) => {
      const intensity = intensityAt(input.readings, periodStartOf(new Date(Math.min(t, end - 1))), c);
      const watts = segments.find((s) => s.from <= t && t < s.to)?.watts ?? 0;
      return { t, watts, gCO2PerKWh: intensity.gCO2PerKWh, basis: intensity.basis };
    });
}
