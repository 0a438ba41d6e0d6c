import { ProviderError } from "../errors";
import { getJson, parsePayload, type HttpOptions } from "../http";
import { indexBandFor } from "../index-bands";
import { addMs, chunkRange, contains, dedupeByStart, floorTo, MINUTE_MS, DAY_MS, overlaps } from "../time";
import type { GenerationMix, IntensityProvider, IntensityReading } from "../types";
import type { Zone } from "../zones";
import {
  ZGeneration,
  ZNationalIntensity,
  ZSingleRegion,
  generationPeriodsOf,
  regionOf,
  type TNationalIntensity,
  type TRegionalPeriod,
} from "./uk-carbon-intensity-payloads";

export const UK_CARBON_INTENSITY_ID = "uk-carbon-intensity";
export const UK_CARBON_INTENSITY_BASE_URL = "https://api.carbonintensity.org.uk";

const HALF_HOUR_MS = 30 * MINUTE_MS;
// `/intensity/{from}/{to}` refuses ranges over 14 days. The regional range has no documented
// limit, but we chunk it the same way rather than find one in production.
const MAX_RANGE_MS = 14 * DAY_MS;

export interface UkCarbonIntensityOptions {
  baseUrl?: string;
  http?: Omit<HttpOptions, "provider">;
  now?: () => Date;
}

type UkZone = Extract<Zone, { kind: "uk-national" | "uk-region" | "uk-postcode" }>;

export function createUkCarbonIntensityProvider(options: UkCarbonIntensityOptions = {}): IntensityProvider {
  const baseUrl = (options.baseUrl ?? UK_CARBON_INTENSITY_BASE_URL).replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const get = (path: string) => getJson({ url: `${baseUrl}${path}` }, { ...options.http, provider: UK_CARBON_INTENSITY_ID });

  async function national(path: string): Promise<TNationalIntensity["data"]> {
    return parsePayload(ZNationalIntensity, await get(path), UK_CARBON_INTENSITY_ID).data;
  }

  async function regionalPeriods(path: string): Promise<TRegionalPeriod[]> {
    const payload = parsePayload(ZSingleRegion, await get(path), UK_CARBON_INTENSITY_ID);
    return regionOf(payload)?.data ?? [];
  }

  return {
    id: UK_CARBON_INTENSITY_ID,

    async current(zone) {
      const uk = ukZone(zone);
      const at = now();
      if (uk.kind === "uk-national") {
        const readings = nationalReadings(await national("/intensity"), sourceFor(uk));
        return pickAt(readings, at);
      }
      const periods = await regionalPeriods(`/regional/${regionSuffix(uk)}`);
      return pickAt(regionalReadings(periods, sourceFor(uk)), at);
    },

    async forecast(zone, from, hours) {
      const uk = ukZone(zone);
      const to = addMs(from, hours * 60 * MINUTE_MS);
      const path =
        uk.kind === "uk-national"
          ? `/intensity/${ukTime(from)}/fw48h`
          : `/regional/intensity/${ukTime(from)}/fw48h/${regionSuffix(uk)}`;
      const readings =
        uk.kind === "uk-national"
          ? forecastOnly(await national(path), sourceFor(uk))
          : regionalReadings(await regionalPeriods(path), sourceFor(uk));
      return readings.filter((r) => overlaps(r.start, r.end, from, to));
    },

    async history(zone, from, to) {
      const uk = ukZone(zone);
      const readings: IntensityReading[] = [];
      for (const chunk of chunkRange(from, to, MAX_RANGE_MS)) {
        const range = `${ukTime(chunk.from)}/${ukTime(chunk.to)}`;
        if (uk.kind === "uk-national") {
          readings.push(...nationalReadings(await national(`/intensity/${range}`), sourceFor(uk)));
        } else {
          const periods = await regionalPeriods(`/regional/intensity/${range}/${regionSuffix(uk)}`);
          readings.push(...regionalReadings(periods, sourceFor(uk)));
        }
      }
      return dedupeByStart(readings).filter((r) => overlaps(r.start, r.end, from, to));
    },

    async generationMix(zone, at) {
      const uk = ukZone(zone);
      const start = floorTo(at, HALF_HOUR_MS);
      const range = `${ukTime(start)}/${ukTime(addMs(start, HALF_HOUR_MS))}`;
      if (uk.kind === "uk-national") {
        const payload = parsePayload(ZGeneration, await get(`/generation/${range}`), UK_CARBON_INTENSITY_ID);
        const periods = generationPeriodsOf(payload);
        const period = periods.find((p) => contains(p.from, p.to, at)) ?? periods[0];
        return period ? toMix(period.from, period.to, period.generationmix) : null;
      }
      const periods = await regionalPeriods(`/regional/intensity/${range}/${regionSuffix(uk)}`);
      const period = periods.find((p) => contains(p.from, p.to, at)) ?? periods[0];
      return period?.generationmix ? toMix(period.from, period.to, period.generationmix) : null;
    },
  };
}

function ukZone(zone: Zone): UkZone {
  if (zone.kind === "uk-national" || zone.kind === "uk-region" || zone.kind === "uk-postcode") return zone;
  throw new ProviderError({ kind: "unsupported", provider: UK_CARBON_INTENSITY_ID, message: `cannot serve zone kind ${zone.kind}` });
}

function regionSuffix(zone: Exclude<UkZone, { kind: "uk-national" }>): string {
  return zone.kind === "uk-region" ? `regionid/${zone.regionId}` : `postcode/${encodeURIComponent(zone.outward)}`;
}

function sourceFor(zone: UkZone): string {
  if (zone.kind === "uk-national") return `${UK_CARBON_INTENSITY_ID}:national`;
  if (zone.kind === "uk-region") return `${UK_CARBON_INTENSITY_ID}:region:${zone.regionId}`;
  return `${UK_CARBON_INTENSITY_ID}:postcode:${zone.outward}`;
}

/** The API's path format: UTC to the minute, `2023-03-13T03:30Z`. */
export function ukTime(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

/** National periods: the measured `actual` where NESO has published it, else the forecast. */
function nationalReadings(periods: TNationalIntensity["data"], source: string): IntensityReading[] {
  const readings: IntensityReading[] = [];
  for (const period of periods) {
    const actual = period.intensity.actual ?? null;
    const value = actual ?? period.intensity.forecast;
    if (value === null) continue;
    readings.push({
      start: period.from,
      end: period.to,
      gCO2PerKWh: value,
      kind: actual === null ? "forecast" : "actual",
      index: period.intensity.index ?? indexBandFor(value, period.from),
      source,
    });
  }
  return readings;
}

function forecastOnly(periods: TNationalIntensity["data"], source: string): IntensityReading[] {
  const readings: IntensityReading[] = [];
  for (const period of periods) {
    const value = period.intensity.forecast;
    if (value === null) continue;
    const index = period.intensity.index ?? indexBandFor(value, period.from);
    readings.push({ start: period.from, end: period.to, gCO2PerKWh: value, kind: "forecast", index, source });
  }
  return readings;
}

/** Regional data has no actuals: every value is a forecast (schema "Regional From-To"). */
function regionalReadings(periods: TRegionalPeriod[], source: string): IntensityReading[] {
  const readings: IntensityReading[] = [];
  for (const period of periods) {
    const value = period.intensity.forecast;
    if (value === null) continue;
    const index = period.intensity.index ?? indexBandFor(value, period.from);
    readings.push({ start: period.from, end: period.to, gCO2PerKWh: value, kind: "forecast", index, source });
  }
  return readings;
}

function pickAt(readings: IntensityReading[], at: Date): IntensityReading | null {
  return readings.find((r) => contains(r.start, r.end, at)) ?? readings[0] ?? null;
}

function toMix(start: Date, end: Date, fuels: { fuel: string; perc: number }[]): GenerationMix {
  return { start, end, fuels: fuels.map((f) => ({ fuel: f.fuel, percent: f.perc })) };
}
