import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carbonConfigFromEnv, createCarbonRegistry, type CarbonRegistry } from "@/lib/carbon";
import { FAST_HTTP, fixture } from "@/lib/carbon/testing/http-provider-contract";
import { db } from "@/lib/db/client";
import { currentIntensityFor, latestGenerationMix, readActuals, readForecast, refreshStateOf } from "@/lib/data/intensity";
import { updateIntensityCredentials } from "@/lib/data/intensity-credentials";
import { backfillZone, nextHalfHour, refreshZones } from "@/lib/intensity/refresh";
import { unsafeRegistriesForZones } from "@/lib/intensity/zone-registries";
import { startFakeHttp, type FakeHttpServer, type FakeRoute } from "@/lib/testing/fake-http";
import { seedServer, seedTenant } from "@/lib/testing/factories";

const fw48h = fixture("uk-national-fw48h-2023-03-15T0331Z.json") as { data: { intensity: Record<string, unknown> }[] };
const pt24h = fixture("uk-national-pt24h-2023-03-14T0331Z.json");
const generation = fixture("uk-generation-ranged-array.json");
const regionalObject = fixture("uk-regional-13-ranged-object-2023-03-13T1201Z.json") as { data: { data: { intensity: Record<string, unknown> }[] } };
const regionalCurrent = fixture("uk-regional-13-current-array.json");

const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000);

function nationalRoutes(forecast: unknown = fw48h): FakeRoute[] {
  return [
    { path: "/intensity", respond: { body: { data: [fw48h.data[0]] } } },
    { path: /^\/intensity\/[^/]+\/fw48h$/, respond: { body: forecast } },
    { path: /^\/intensity\/[^/]+\/[^/]+$/, respond: { body: pt24h } },
    { path: /^\/generation\//, respond: { body: generation } },
  ];
}

function regionalRoutes(region: number, forecast: unknown = regionalObject): FakeRoute[] {
  return [
    { path: `/regional/regionid/${region}`, respond: { body: regionalCurrent } },
    { path: new RegExp(`^/regional/intensity/[^/]+/fw48h/regionid/${region}$`), respond: { body: forecast } },
    { path: new RegExp(`^/regional/intensity/[^/]+/[^/]+/regionid/${region}$`), respond: { body: regionalObject } },
  ];
}

describe("refreshZones", () => {
  let fake: FakeHttpServer;
  let lines: string[];
  const log = (line: string) => lines.push(line);
  const registryAt = (now: Date): CarbonRegistry =>
    createCarbonRegistry({ ...carbonConfigFromEnv({}), ukBaseUrl: fake.baseUrl }, { http: FAST_HTTP, now: () => now });

  beforeAll(async () => {
    fake = await startFakeHttp();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("stores current, 48 h forecast, actuals and generation mix; a repeat writes nothing; a change supersedes", async () => {
    lines = [];
    fake.setRoutes(nationalRoutes());
    const now = new Date("2023-03-15T03:31Z");
    const [outcome] = await refreshZones({ registry: registryAt(now), zones: ["uk:national"], now, log });
    expect(outcome).toMatchObject({ zone: "uk:national", ok: true, generationMix: true });
    expect(lines).toEqual([expect.stringMatching(/^intensity: zone uk:national refreshed from uk-carbon-intensity: \d+ readings/)]);

    const forecast = await readForecast("uk:national", now, minutes(now, 48 * 60));
    expect(forecast).toHaveLength(96);
    expect(forecast[0]).toMatchObject({ gCO2PerKWh: 201, kind: "forecast", index: "high", source: "uk-carbon-intensity:national" });
    const actuals = await readActuals("uk:national", minutes(now, -7 * 24 * 60), now);
    expect(actuals.length).toBeGreaterThan(40);
    expect(actuals[0]).toMatchObject({ start: new Date("2023-03-13T03:30Z"), gCO2PerKWh: 64, kind: "actual" });
    expect((await latestGenerationMix("uk:national", now))?.fuels).toContainEqual({ fuel: "biomass", percent: 0.8 });
    expect(await refreshStateOf("uk:national")).toMatchObject({ lastSuccessAt: now, staleSince: null, nextRefreshAt: new Date("2023-03-15T04:00Z") });
    expect(await currentIntensityFor("uk:national", now)).toMatchObject({ status: "ok", gCO2PerKWh: 201, index: "high", stale: false });

    const again = await refreshZones({ registry: registryAt(now), zones: ["uk:national"], now: minutes(now, 29), log });
    expect(again[0]).toMatchObject({ ok: true, inserted: 0, superseded: 0 });

    const revised = structuredClone(fw48h);
    revised.data[2].intensity.forecast = 150;
    fake.setRoutes(nationalRoutes(revised));
    const later = minutes(now, 30);
    const third = await refreshZones({ registry: registryAt(later), zones: ["uk:national"], now: later, log });
    expect(third[0]).toMatchObject({ ok: true, inserted: 1, superseded: 1 });
    const history = await db().intensityReading.findMany({ where: { zone: "uk:national", periodStart: new Date("2023-03-15T04:30Z"), kind: "forecast" }, orderBy: { id: "asc" } });
    expect(history.map((r) => [r.gCO2PerKWh, r.supersededAt])).toEqual([[fw48h.data[2].intensity.forecast, later], [150, null]]);
  });

  it("keeps the last forecast through an outage, marks it stale, respects 429 Retry-After, and recovers", async () => {
    lines = [];
    const zone = "uk:region:5";
    const now = new Date("2023-03-13T12:01Z");
    fake.setRoutes(regionalRoutes(5));
    expect((await refreshZones({ registry: registryAt(now), zones: [zone], now, log }))[0]).toMatchObject({ ok: true });
    const before = await db().intensityReading.count({ where: { zone } });
    expect(before).toBeGreaterThan(0);

    fake.setRoutes([{ path: /.*/, respond: { status: 503, body: "down" } }]);
    const outage = minutes(now, 30);
    const [failed] = await refreshZones({ registry: registryAt(outage), zones: [zone], now: outage, log });
    expect(failed).toMatchObject({ ok: false, kind: "server_error" });
    expect(lines.at(-1)).toMatch(/^intensity: zone uk:region:5: provider uk-carbon-intensity failed \(server_error\): HTTP 503.*marked stale/);
    expect(await db().intensityReading.count({ where: { zone } })).toBe(before);
    expect(await currentIntensityFor(zone, minutes(outage, 1))).toMatchObject({ status: "ok", gCO2PerKWh: 129, stale: true, staleSince: outage.toISOString() });
    expect(await refreshStateOf(zone)).toMatchObject({ nextRefreshAt: minutes(outage, 5) });

    fake.setRoutes([{ path: /.*/, respond: { status: 429, headers: { "retry-after": "900" }, body: "slow down" } }]);
    lines = [];
    const limited = minutes(outage, 5);
    const before429 = fake.requests.length;
    const [rateLimited, skipped] = await refreshZones({ registry: registryAt(limited), zones: [zone, "uk:region:7"], now: limited, log });
    expect(rateLimited).toMatchObject({ ok: false, kind: "rate_limited" });
    // The provider said 429: its other zones wait instead of asking again in the same run.
    expect(skipped).toMatchObject({ zone: "uk:region:7", ok: false, kind: "rate_limited" });
    expect(fake.requests.slice(before429).filter((r) => r.url.pathname.includes("regionid/7"))).toEqual([]);
    expect(await refreshStateOf("uk:region:7")).toMatchObject({ nextRefreshAt: minutes(limited, 15) });
    expect(lines.find((l) => l.startsWith("intensity: zone uk:region:5:"))).toContain("provider uk-carbon-intensity rate limited the request (429, retry after 900 s)");
    expect(await refreshStateOf(zone)).toMatchObject({ staleSince: outage, nextRefreshAt: minutes(limited, 15) });

    fake.setRoutes(regionalRoutes(5));
    const back = minutes(limited, 15);
    expect((await refreshZones({ registry: registryAt(back), zones: [zone], now: back, log }))[0]).toMatchObject({ ok: true });
    expect(await refreshStateOf(zone)).toMatchObject({ staleSince: null, lastError: null, lastSuccessAt: back });
  });

  it("rejects a malformed payload with one line naming the provider and the field, and goes on with the other zones", async () => {
    lines = [];
    const bad = structuredClone(regionalObject);
    bad.data.data[1].intensity.forecast = "high";
    fake.setRoutes(regionalRoutes(6, bad));
    const now = new Date("2023-03-13T12:01Z");
    const outcomes = await refreshZones({ registry: registryAt(now), zones: ["uk:region:6", "em:de", "replay:gb-lwa2020-week"], now, log });
    expect(outcomes.map((o) => [o.zone, o.ok])).toEqual([["uk:region:6", false], ["em:de", false], ["replay:gb-lwa2020-week", true]]);
    expect(lines.find((l) => l.includes("em:de"))).toMatch(/^intensity: zone em:de: provider gridshift failed \(unsupported\): invalid zone "em:de": Electricity Maps zone must look like DE[^\n]*$/);
    expect(outcomes[0]).toMatchObject({ kind: "malformed" });
    const line = lines.find((l) => l.includes("uk:region:6"));
    expect(line).toMatch(/provider uk-carbon-intensity sent a malformed payload, field data\.data\[1\]\.intensity\.forecast: /);
    expect(line?.split("\n")).toHaveLength(1);
    expect(await db().intensityReading.count({ where: { zone: "uk:region:6" } })).toBe(0);
    expect(await currentIntensityFor("uk:region:6", now)).toEqual({ status: "no_data", zone: "uk:region:6" });
  });

  it("backfills history through the provider", async () => {
    const registry = createCarbonRegistry(carbonConfigFromEnv({}));
    const to = new Date();
    const from = minutes(to, -24 * 60);
    const zone = "replay:gb-lwa2020-week";
    const result = await backfillZone(registry, zone, from, to, to);
    expect(result.fetched).toBeGreaterThanOrEqual(48);
    const again = await backfillZone(registry, zone, from, to, to);
    expect(again).toMatchObject({ fetched: result.fetched, inserted: 0 });
    expect((await readActuals(zone, from, to)).every((r) => r.index !== null)).toBe(true);
  });
});

describe("nextHalfHour", () => {
  it.each([
    ["2026-03-01T10:00:00.000Z", "2026-03-01T10:30:00.000Z"],
    ["2026-03-01T10:00:00.001Z", "2026-03-01T10:30:00.000Z"],
    ["2026-03-01T10:29:59.999Z", "2026-03-01T10:30:00.000Z"],
    ["2026-03-01T10:30:00.000Z", "2026-03-01T11:00:00.000Z"],
    ["2026-03-01T23:45:00.000Z", "2026-03-02T00:00:00.000Z"],
  ])("%s → %s", (now, next) => {
    expect(nextHalfHour(new Date(now)).toISOString()).toBe(next);
  });
});

describe("registries per zone", () => {
  let fake: FakeHttpServer;
  beforeAll(async () => {
    fake = await startFakeHttp([{ path: "/v3/carbon-intensity/latest", respond: { body: fixture("em-latest-de.json") } }]);
  });
  afterAll(async () => {
    await fake.close();
  });

  it("use the environment's key unless an organisation using the zone has its own", async () => {
    const org = await seedTenant("em");
    await seedServer(org.organisationId, { gridZone: "em:FR" });
    await updateIntensityCredentials(org.organisationId, { electricityMapsApiKey: "org-key" });
    const base = { ...carbonConfigFromEnv({}), electricityMapsBaseUrl: fake.baseUrl, electricityMapsApiKey: "env-key" };
    const registryFor = await unsafeRegistriesForZones(["em:FR", "em:DE"], base, () => {}, { http: FAST_HTTP });

    for (const [zone, key] of [["em:FR", "org-key"], ["em:DE", "env-key"]]) {
      const { zone: parsed, provider } = registryFor(zone).resolve(zone);
      await provider.current(parsed);
      expect(fake.requests.at(-1)?.headers["auth-token"], zone).toBe(key);
    }
  });
});
