import { z } from "zod";
import { ProviderError } from "../errors";
import { getJson, parsePayload, type HttpOptions } from "../http";
import { addMs, chunkRange, DAY_MS, dedupeByStart, HOUR_MS, isIsoInstant, MINUTE_MS, overlaps } from "../time";
import type { IntensityProvider, IntensityReading } from "../types";
import type { Zone } from "../zones";

/**
 * Electricity Maps API v3 (`auth-token` header). Values are `carbonIntensity` in gCO2eq/kWh,
 * life-cycle by default (`emissionFactorType`), hourly unless `temporalGranularity` says
 * otherwise; the forecast covers about the next 24 h.
 */
export const ELECTRICITY_MAPS_ID = "electricity-maps";
export const ELECTRICITY_MAPS_BASE_URL = "https://api.electricitymap.org";

// `/past-range` is bounded per request (10 days at hourly granularity); `/history` is the last 24 h.
const PAST_RANGE_MAX_MS = 10 * DAY_MS;
const HISTORY_WINDOW_MS = DAY_MS;

const ZInstant = z.string().refine(isIsoInstant, "expected an ISO 8601 time").transform((v) => new Date(v));

const ZPoint = z.object({
  carbonIntensity: z.number().nullable(),
  datetime: ZInstant,
  emissionFactorType: z.string().optional(),
  isEstimated: z.boolean().nullable().optional(),
  temporalGranularity: z.string().optional(),
});
type TPoint = z.output<typeof ZPoint>;

const ZLatest = ZPoint.extend({ zone: z.string() });
const ZHistory = z.object({ zone: z.string(), history: z.array(ZPoint) });
const ZPastRange = z.object({ zone: z.string(), data: z.array(ZPoint) });
const ZForecast = z.object({
  zone: z.string(),
  forecast: z.array(z.object({ carbonIntensity: z.number().nullable(), datetime: ZInstant })),
});

const GRANULARITY_MS: Record<string, number> = {
  "5_minutes": 5 * MINUTE_MS,
  "15_minutes": 15 * MINUTE_MS,
  hourly: HOUR_MS,
};

export interface ElectricityMapsOptions {
  apiKey: string;
  baseUrl?: string;
  emissionFactorType?: "lifecycle" | "direct";
  http?: Omit<HttpOptions, "provider">;
  now?: () => Date;
}

export function createElectricityMapsProvider(options: ElectricityMapsOptions): IntensityProvider {
  const baseUrl = (options.baseUrl ?? ELECTRICITY_MAPS_BASE_URL).replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const factorType = options.emissionFactorType ?? "lifecycle";
  const source = `${ELECTRICITY_MAPS_ID}:${factorType}`;

  async function get(path: string, params: Record<string, string>): Promise<unknown> {
    const query = new URLSearchParams({ ...params, emissionFactorType: factorType });
    return getJson(
      { url: `${baseUrl}/v3/carbon-intensity/${path}?${query}`, headers: { "auth-token": options.apiKey } },
      { ...options.http, provider: ELECTRICITY_MAPS_ID },
    );
  }

  return {
    id: ELECTRICITY_MAPS_ID,

    async current(zone) {
      const key = emZone(zone);
      const latest = parsePayload(ZLatest, await get("latest", { zone: key }), ELECTRICITY_MAPS_ID);
      return toReading(latest, "actual", source);
    },

    async forecast(zone, from, hours) {
      const key = emZone(zone);
      const payload = parsePayload(ZForecast, await get("forecast", { zone: key }), ELECTRICITY_MAPS_ID);
      const to = addMs(from, hours * HOUR_MS);
      return payload.forecast
        .map((point) => toReading(point, "forecast", source))
        .filter((r): r is IntensityReading => r !== null && overlaps(r.start, r.end, from, to));
    },

    async history(zone, from, to) {
      const key = emZone(zone);
      const points: TPoint[] = [];
      if (from.getTime() >= now().getTime() - HISTORY_WINDOW_MS) {
        points.push(...parsePayload(ZHistory, await get("history", { zone: key }), ELECTRICITY_MAPS_ID).history);
      } else {
        for (const chunk of chunkRange(from, to, PAST_RANGE_MAX_MS)) {
          const params = { zone: key, start: chunk.from.toISOString(), end: chunk.to.toISOString() };
          points.push(...parsePayload(ZPastRange, await get("past-range", params), ELECTRICITY_MAPS_ID).data);
        }
      }
      const readings = points
        .map((point) => toReading(point, "actual", source))
        .filter((r): r is IntensityReading => r !== null && overlaps(r.start, r.end, from, to));
      return dedupeByStart(readings);
    },
  };
}

function emZone(zone: Zone): string {
  if (zone.kind === "electricity-maps") return zone.zone;
  throw new ProviderError({ kind: "unsupported", provider: ELECTRICITY_MAPS_ID, message: `cannot serve zone kind ${zone.kind}` });
}

/** A null carbonIntensity is a hole in the provider's data: no reading rather than a zero. */
function toReading(
  point: { carbonIntensity: number | null; datetime: Date; temporalGranularity?: string },
  kind: IntensityReading["kind"],
  source: string,
): IntensityReading | null {
  if (point.carbonIntensity === null) return null;
  const step = GRANULARITY_MS[point.temporalGranularity ?? "hourly"] ?? HOUR_MS;
  return { start: point.datetime, end: addMs(point.datetime, step), gCO2PerKWh: point.carbonIntensity, kind, source };
}

