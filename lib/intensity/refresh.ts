// Keeps stored grid intensity fresh: per zone, the current period, the next 48 h forecast,
// recent history (actuals where the provider publishes them) and the generation mix where
// supported, stored through lib/data/intensity. A zone's failure is logged in one line,
// marks its data stale and never stops the other zones; nothing stored is removed.
import {
  carbonConfigFromEnv,
  indexBandFor,
  isProviderError,
  ProviderError,
  safeParseZone,
  type CarbonRegistry,
  type IntensityProvider,
  type IntensityReading,
  type Zone,
} from "@/lib/carbon";
import {
  markRefreshAttempt,
  markRefreshFailure,
  markRefreshSuccess,
  pruneReadings,
  storeGenerationMix,
  storeReadings,
  unsafeZonesDue,
} from "@/lib/data/intensity";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/data/intensity-shared";
import { env } from "@/lib/env";
import { unsafeRegistriesForZones } from "@/lib/intensity/zone-registries";

const HALF_HOUR_MS = 30 * MINUTE_MS;
export const FORECAST_HOURS = 48;
// A zone's first refresh fills the week the intensity page shows; later ones top up a day.
const FIRST_HISTORY_MS = 7 * DAY_MS;
const RECENT_HISTORY_MS = 24 * HOUR_MS;
// After a failure, try again this much later (or after the provider's Retry-After if longer).
const FAILURE_RETRY_MS = 5 * MINUTE_MS;

export type Log = (line: string) => void;

export type ZoneOutcome =
  | { zone: string; ok: true; readings: number; inserted: number; superseded: number; generationMix: boolean }
  | { zone: string; ok: false; kind: string; message: string };

export interface RefreshOptions {
  /** One registry for every zone, or the registry to use per zone (organisation credentials). */
  registry: CarbonRegistry | ((zone: string) => CarbonRegistry);
  zones: string[];
  now: Date;
  log: Log;
}

/** The next :00 or :30 strictly after `now`: refreshes follow the providers' half-hour periods. */
export function nextHalfHour(now: Date): Date {
  return new Date((Math.floor(now.getTime() / HALF_HOUR_MS) + 1) * HALF_HOUR_MS);
}

const startOfHalfHour = (now: Date) => new Date(Math.floor(now.getTime() / HALF_HOUR_MS) * HALF_HOUR_MS);

/**
 * Zones one after the other (gentle on providers' limits); never throws. Once a provider
 * answers 429, its remaining zones wait for the next run instead of asking again.
 */
export async function refreshZones(options: RefreshOptions): Promise<ZoneOutcome[]> {
  const outcomes: ZoneOutcome[] = [];
  const rateLimited = new Map<string, ProviderError>();
  for (const zone of options.zones) outcomes.push(await refreshZone(zone, options, rateLimited));
  return outcomes;
}

async function refreshZone(zone: string, { registry, now, log }: RefreshOptions, rateLimited: Map<string, ProviderError>): Promise<ZoneOutcome> {
  try {
    const state = await markRefreshAttempt(zone, now);
    const valid = safeParseZone(zone);
    if (!valid.ok) throw new ProviderError({ kind: "unsupported", provider: "gridshift", message: `invalid zone "${zone}": ${valid.message}` });
    const { zone: parsed, provider } = (typeof registry === "function" ? registry(zone) : registry).resolve(valid.zone);
    const limited = rateLimited.get(provider.id);
    if (limited) throw limited;
    try {
      return await fetchAndStore(zone, parsed, provider, state.lastSuccessAt, now, log);
    } catch (error) {
      if (isProviderError(error, "rate_limited")) rateLimited.set(provider.id, error);
      throw error;
    }
  } catch (error) {
    return recordFailure(zone, error, now, log);
  }
}

async function fetchAndStore(zone: string, parsed: Zone, provider: IntensityProvider, lastSuccessAt: Date | null, now: Date, log: Log): Promise<ZoneOutcome> {
  const current = await provider.current(parsed);
  const forecast = await provider.forecast(parsed, startOfHalfHour(now), FORECAST_HOURS);
  const sinceSuccess = lastSuccessAt ? now.getTime() - lastSuccessAt.getTime() : Infinity;
  const historyFrom = new Date(now.getTime() - (sinceSuccess < RECENT_HISTORY_MS ? RECENT_HISTORY_MS : FIRST_HISTORY_MS));
  const optional = optionalPart(zone, provider.id, log);
  const history = (await optional("history", () => provider.history(parsed, historyFrom, now))) ?? [];
  const mix = provider.generationMix ? await optional("generation mix", () => provider.generationMix!(parsed, now)) : null;

  // Later entries win for the same period and kind: history, then forecast, then current.
  const readings = withIndex([...history, ...forecast, ...(current ? [current] : [])]);
  const stored = await storeReadings(zone, readings, now);
  if (mix) await storeGenerationMix(zone, mix, provider.id, now);
  await markRefreshSuccess(zone, now, nextHalfHour(now));
  log(`intensity: zone ${zone} refreshed from ${provider.id}: ${readings.length} readings (${stored.inserted} new, ${stored.superseded} superseded)${mix ? ", generation mix" : ""}`);
  return { zone, ok: true, readings: readings.length, ...stored, generationMix: !!mix };
}

/** History and mix are extras: their failure is logged but the zone still counts as refreshed. */
function optionalPart(zone: string, providerId: string, log: Log) {
  return async <T>(what: string, fetch: () => Promise<T>): Promise<T | null> => {
    try {
      return await fetch();
    } catch (error) {
      log(`intensity: zone ${zone}: ${what} skipped: ${describeFailure(error, providerId)}`);
      return null;
    }
  };
}

/** Providers without their own index (all but the UK's) get NESO's band for the value and year. */
function withIndex(readings: IntensityReading[]): (IntensityReading & { index: string })[] {
  return readings.map((r) => ({ ...r, index: r.index ?? indexBandFor(r.gCO2PerKWh, r.start) }));
}

async function recordFailure(zone: string, error: unknown, now: Date, log: Log): Promise<ZoneOutcome> {
  const message = describeFailure(error);
  const retryAfterMs = isProviderError(error, "rate_limited") ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
  const next = new Date(now.getTime() + Math.max(FAILURE_RETRY_MS, retryAfterMs));
  log(`intensity: zone ${zone}: ${message}; stored readings kept and marked stale, next attempt ${next.toISOString()}`);
  try {
    await markRefreshFailure(zone, now, message, next);
  } catch (dbError) {
    log(`intensity: zone ${zone}: could not record the failure: ${(dbError as Error).message}`);
  }
  return { zone, ok: false, kind: isProviderError(error) ? error.kind : "internal", message };
}

/** One line naming the provider, the kind of failure and, for a malformed payload, the field. */
export function describeFailure(error: unknown, providerId?: string): string {
  if (!isProviderError(error)) return `${providerId ? `${providerId}: ` : ""}unexpected error: ${(error as Error)?.message ?? String(error)}`;
  const detail = error.message.startsWith(`${error.provider}: `) ? error.message.slice(error.provider.length + 2) : error.message;
  if (error.kind === "malformed") return `provider ${error.provider} sent a malformed payload, field ${error.path ?? "(unknown)"}: ${detail}`;
  if (error.kind === "rate_limited") {
    const after = error.retryAfterSeconds === undefined ? "" : `, retry after ${Math.ceil(error.retryAfterSeconds)} s`;
    return `provider ${error.provider} rate limited the request (429${after})`;
  }
  return `provider ${error.provider} failed (${error.kind}): ${detail}`;
}

/**
 * Fetches the provider's history for [from, to) and stores it; answers how many readings
 * came back and how many rows were written. For `gridshift intensity backfill`.
 */
export async function backfillZone(registry: CarbonRegistry, zone: string, from: Date, to: Date, now: Date) {
  const { zone: parsed, provider } = registry.resolve(zone);
  const readings = withIndex(await provider.history(parsed, from, to));
  const stored = await storeReadings(zone, readings, now);
  return { fetched: readings.length, ...stored };
}

const defaultLog: Log = (line) => console.log(`[worker] ${line}`);

/**
 * The worker's entry point; call it every tick. Refreshes the zones in use that are due (never
 * refreshed, or their next refresh time has passed: the next half hour after a success, a few
 * minutes or the Retry-After after a failure), then applies retention. Throws only when the
 * database itself fails.
 */
export async function runIntensityRefresh(now: Date = new Date(), log: Log = defaultLog): Promise<ZoneOutcome[]> {
  const zones = await unsafeZonesDue(now);
  if (zones.length === 0) return [];
  const registry = await unsafeRegistriesForZones(zones, carbonConfigFromEnv(), log);
  const outcomes = await refreshZones({ registry, zones, now, log });
  const horizon = new Date(now.getTime() - env().GRIDSHIFT_INTENSITY_RETENTION_DAYS * DAY_MS);
  const pruned = await pruneReadings(horizon);
  if (pruned.readings + pruned.mixes > 0) log(`intensity: retention removed ${pruned.readings} readings and ${pruned.mixes} generation mixes older than ${horizon.toISOString()}`);
  return outcomes;
}
