// What the intensity page shows for one organisation: each zone its servers draw from, with
// the current reading, the next 48 h, the last 7 days, the greenest windows and the mix.
import { currentIntensityFor, latestGenerationMix, readForecast, refreshStateOf, type CurrentIntensityDto, type GenerationMixDto } from "@/lib/data/intensity";
import { DAY_MS, HOUR_MS, type ReadingKind, type StoredReading } from "@/lib/data/intensity-shared";
import { scoped, type OrgId } from "@/lib/data/scope";
import { db } from "@/lib/db/client";
import { greenestWindows } from "@/lib/domain/greenest-windows";

export type IntensityReadingDto = { start: string; end: string; gCO2PerKWh: number; kind: ReadingKind; index: string | null };
export type GreenWindowDto = { start: string; end: string; meanGCO2PerKWh: number };

export type IntensityZoneDto = {
  zone: string;
  servers: { id: string; name: string }[];
  current: CurrentIntensityDto;
  /** From the current half hour to 48 h ahead; actuals replace forecasts where published. */
  forecast: IntensityReadingDto[];
  /** The last 7 days: actuals where the provider publishes them, else the last forecast made. */
  past: IntensityReadingDto[];
  greenestWindows: GreenWindowDto[];
  windowHours: number;
  generationMix: GenerationMixDto | null;
  refresh: { lastSuccessAt: string | null; staleSince: string | null; lastError: string | null };
};

const FORECAST_MS = 48 * HOUR_MS;
const PAST_MS = 7 * DAY_MS;
const WINDOW_COUNT = 3;

const toDto = (r: StoredReading): IntensityReadingDto => ({ start: r.start.toISOString(), end: r.end.toISOString(), gCO2PerKWh: r.gCO2PerKWh, kind: r.kind, index: r.index });

export async function intensityOverview(organisationId: OrgId, now: Date, windowHours: number): Promise<IntensityZoneDto[]> {
  const servers = await db().server.findMany({ where: scoped(organisationId), select: { id: true, name: true, gridZone: true }, orderBy: { name: "asc" } });
  const zones = [...new Set(servers.map((s) => s.gridZone))].sort();
  return Promise.all(zones.map((zone) => zoneOverview(zone, servers.filter((s) => s.gridZone === zone), now, windowHours)));
}

async function zoneOverview(zone: string, servers: { id: string; name: string }[], now: Date, windowHours: number): Promise<IntensityZoneDto> {
  const [current, ahead, past, generationMix, state] = await Promise.all([
    currentIntensityFor(zone, now),
    readForecast(zone, now, new Date(now.getTime() + FORECAST_MS)),
    readForecast(zone, new Date(now.getTime() - PAST_MS), now),
    latestGenerationMix(zone, now),
    refreshStateOf(zone),
  ]);
  const windows = greenestWindows(ahead, { durationMinutes: windowHours * 60, count: WINDOW_COUNT, from: now });
  return {
    zone,
    servers: servers.map((s) => ({ id: s.id, name: s.name })),
    current,
    forecast: ahead.map(toDto),
    past: past.filter((r) => r.start.getTime() < now.getTime()).map(toDto),
    greenestWindows: windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString(), meanGCO2PerKWh: w.meanGCO2PerKWh })),
    windowHours,
    generationMix,
    refresh: {
      lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
      staleSince: current.status === "ok" ? current.staleSince : (state?.staleSince?.toISOString() ?? null),
      lastError: state?.lastError ?? null,
    },
  };
}
