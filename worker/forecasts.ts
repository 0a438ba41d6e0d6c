// The planner's view of each zone: stored readings from an hour ago to 48 h ahead, and
// whether the zone's refresh is failing (stale).
import type { ZoneForecast } from "@/lib/domain/planner";
import { readForecast, refreshStateOf } from "@/lib/data/intensity";

const LOOKBACK_MS = 60 * 60_000;
const HORIZON_MS = 48 * 60 * 60_000;

export async function loadForecasts(zones: string[], now: Date): Promise<ZoneForecast[]> {
  return Promise.all(
    zones.map(async (zone) => {
      const [readings, state] = await Promise.all([
        readForecast(zone, new Date(now.getTime() - LOOKBACK_MS), new Date(now.getTime() + HORIZON_MS)),
        refreshStateOf(zone),
      ]);
      return {
        zone,
        readings: readings.map((r) => ({ start: r.start, end: r.end, gCO2PerKWh: r.gCO2PerKWh, kind: r.kind, index: r.index ?? undefined })),
        stale: !!state?.staleSince,
        staleSince: state?.staleSince ?? undefined,
      };
    }),
  );
}
