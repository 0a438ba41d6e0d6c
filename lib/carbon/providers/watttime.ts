import { z } from "zod";
import { isProviderError, ProviderError } from "../errors";
import { getJson, parsePayload, type HttpOptions } from "../http";
import { addMs, chunkRange, contains, DAY_MS, dedupeByStart, HOUR_MS, isIsoInstant, MINUTE_MS, overlaps } from "../time";
import type { IntensityProvider, IntensityReading } from "../types";
import type { Zone } from "../zones";

/**
 * WattTime API v3. `/login` with HTTP Basic answers a bearer token (a JWT valid for 30
 * minutes per WattTime's SDK); data comes from `/v3/forecast` and `/v3/historical` with
 * `signal_type=co2_moer`: the MARGINAL operating emissions rate in lbs/MWh. Marginal and
 * average intensities are not comparable, so `source` says marginal.
 */
export const WATTTIME_ID = "watttime";
export const WATTTIME_BASE_URL = "https://api.watttime.org";
export const LBS_PER_MWH_TO_G_PER_KWH = 0.453592;

const SIGNAL_TYPE = "co2_moer";
const SOURCE = `${WATTTIME_ID}:${SIGNAL_TYPE}:marginal`;
const TOKEN_LIFETIME_MS = 30 * MINUTE_MS;
// Renew a little early so that a token does not expire between our check and their check.
const TOKEN_MARGIN_MS = MINUTE_MS;
const MAX_HORIZON_HOURS = 72;
// The SDK fetches /v3/historical in 30-day chunks.
const HISTORICAL_MAX_MS = 30 * DAY_MS;

const ZInstant = z.string().refine(isIsoInstant, "expected an ISO 8601 time").transform((v) => new Date(v));
const ZLogin = z.object({ token: z.string().min(1) });
const ZSeries = z.object({
  data: z.array(z.object({ point_time: ZInstant, value: z.number() })),
  meta: z.object({
    data_point_period_seconds: z.number().positive(),
    units: z.literal("lbs_co2_per_mwh"),
  }),
});
type TSeries = z.output<typeof ZSeries>;

export interface WattTimeOptions {
  username: string;
  password: string;
  baseUrl?: string;
  http?: Omit<HttpOptions, "provider">;
  now?: () => Date;
}

export function createWattTimeProvider(options: WattTimeOptions): IntensityProvider {
  const baseUrl = (options.baseUrl ?? WATTTIME_BASE_URL).replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const http = { ...options.http, provider: WATTTIME_ID };
  let token: { value: string; expiresAt: number } | null = null;
  // Concurrent calls share one login instead of each fetching a token.
  let pendingLogin: Promise<string> | null = null;

  function login(): Promise<string> {
    pendingLogin ??= fetchToken().finally(() => {
      pendingLogin = null;
    });
    return pendingLogin;
  }

  async function fetchToken(): Promise<string> {
    const basic = Buffer.from(`${options.username}:${options.password}`).toString("base64");
    const payload = await getJson({ url: `${baseUrl}/login`, headers: { Authorization: `Basic ${basic}` } }, http);
    const value = parsePayload(ZLogin, payload, WATTTIME_ID).token;
    token = { value, expiresAt: now().getTime() + TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS };
    return value;
  }

  async function bearer(): Promise<string> {
    if (token && token.expiresAt > now().getTime()) return token.value;
    return login();
  }

  /** One retry with a fresh token on 401: tokens can be revoked before they expire. */
  async function series(path: string, params: Record<string, string>): Promise<TSeries> {
    const url = `${baseUrl}${path}?${new URLSearchParams(params)}`;
    const fetchWith = async (value: string) =>
      parsePayload(ZSeries, await getJson({ url, headers: { Authorization: `Bearer ${value}` } }, http), WATTTIME_ID);
    const first = await bearer();
    try {
      return await fetchWith(first);
    } catch (error) {
      if (!isProviderError(error, "unauthorised")) throw error;
      token = null;
      return fetchWith(await login());
    }
  }

  async function forecastReadings(region: string, until: Date): Promise<IntensityReading[]> {
    const hoursAhead = Math.ceil((until.getTime() - now().getTime()) / HOUR_MS);
    const horizon = Math.min(MAX_HORIZON_HOURS, Math.max(1, hoursAhead));
    const payload = await series("/v3/forecast", { region, signal_type: SIGNAL_TYPE, horizon_hours: String(horizon) });
    return toReadings(payload, "forecast");
  }

  return {
    id: WATTTIME_ID,

    async current(zone) {
      const region = wtRegion(zone);
      const at = now();
      const readings = await forecastReadings(region, addMs(at, HOUR_MS));
      return readings.find((r) => contains(r.start, r.end, at)) ?? readings[0] ?? null;
    },

    async forecast(zone, from, hours) {
      const region = wtRegion(zone);
      const to = addMs(from, hours * HOUR_MS);
      const readings = await forecastReadings(region, to);
      return readings.filter((r) => overlaps(r.start, r.end, from, to));
    },

    async history(zone, from, to) {
      const region = wtRegion(zone);
      const readings: IntensityReading[] = [];
      for (const chunk of chunkRange(from, to, HISTORICAL_MAX_MS)) {
        const params = { region, signal_type: SIGNAL_TYPE, start: chunk.from.toISOString(), end: chunk.to.toISOString() };
        readings.push(...toReadings(await series("/v3/historical", params), "actual"));
      }
      return dedupeByStart(readings).filter((r) => overlaps(r.start, r.end, from, to));
    },
  };
}

function wtRegion(zone: Zone): string {
  if (zone.kind === "watttime") return zone.region;
  throw new ProviderError({ kind: "unsupported", provider: WATTTIME_ID, message: `cannot serve zone kind ${zone.kind}` });
}

function toReadings(payload: TSeries, kind: IntensityReading["kind"]): IntensityReading[] {
  const stepMs = payload.meta.data_point_period_seconds * 1000;
  return payload.data.map((point) => ({
    start: point.point_time,
    end: addMs(point.point_time, stepMs),
    gCO2PerKWh: lbsPerMWhToGPerKWh(point.value),
    kind,
    source: SOURCE,
  }));
}

/** 1 lb/MWh = 453.592 g / 1000 kWh. */
export function lbsPerMWhToGPerKWh(value: number): number {
  return value * LBS_PER_MWH_TO_G_PER_KWH;
}
