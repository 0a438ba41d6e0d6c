import { ProviderError } from "../errors";
import { addMs, floorTo, HOUR_MS } from "../time";
import type { IntensityProvider, IntensityReading } from "../types";
import type { Zone } from "../zones";
import { countryAverage, STATIC_DATASET, type CountryAverage } from "./static-averages";

/**
 * A fixed annual-average value per country, for places no live provider covers. The value
 * is the same every hour, so it can size a job's footprint but cannot pick a greener window.
 * `source` names the dataset and year so nobody mistakes it for a live reading.
 */
export const STATIC_ID = "static";

export function createStaticProvider(options: { now?: () => Date } = {}): IntensityProvider {
  const now = options.now ?? (() => new Date());

  function hourly(zone: Zone, from: Date, to: Date, kind: IntensityReading["kind"]): IntensityReading[] {
    const row = rowFor(zone);
    const readings: IntensityReading[] = [];
    for (let start = floorTo(from, HOUR_MS); start < to; start = addMs(start, HOUR_MS)) {
      readings.push(reading(row, start, kind));
    }
    return readings;
  }

  return {
    id: STATIC_ID,
    async current(zone) {
      return reading(rowFor(zone), floorTo(now(), HOUR_MS), "actual");
    },
    async forecast(zone, from, hours) {
      return hourly(zone, from, addMs(from, hours * HOUR_MS), "forecast");
    },
    async history(zone, from, to) {
      return hourly(zone, from, to, "actual");
    },
  };
}

export function staticSource(row: CountryAverage): string {
  return `${STATIC_ID}:${STATIC_DATASET}-${row.year}:${row.alpha3}`;
}

function reading(row: CountryAverage, start: Date, kind: IntensityReading["kind"]): IntensityReading {
  return { start, end: addMs(start, HOUR_MS), gCO2PerKWh: row.gCO2PerKWh, kind, source: staticSource(row) };
}

function rowFor(zone: Zone): CountryAverage {
  if (zone.kind !== "static") {
    throw new ProviderError({ kind: "unsupported", provider: STATIC_ID, message: `cannot serve zone kind ${zone.kind}` });
  }
  const row = countryAverage(zone.country);
  if (!row) throw new ProviderError({ kind: "not_found", provider: STATIC_ID, message: `no annual average for country ${zone.country}` });
  return row;
}
