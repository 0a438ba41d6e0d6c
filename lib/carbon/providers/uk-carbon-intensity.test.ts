import { describe, expect, it } from "vitest";
import { useFakeHttp, type FakeHttpServer } from "@/lib/testing/fake-http";
import { ProviderError } from "../errors";
import { describeHttpProviderContract, FAST_HTTP, fixture } from "../testing/http-provider-contract";
import type { IntensityReading } from "../types";
import { parseZone } from "../zones";
import { createUkCarbonIntensityProvider, ukTime } from "./uk-carbon-intensity";

const national = parseZone("uk:national");
const london = parseZone("uk:region:13");
const fw48h = fixture("uk-national-fw48h-2023-03-15T0331Z.json") as { data: { intensity: Record<string, unknown> }[] };
const pt24h = fixture("uk-national-pt24h-2023-03-14T0331Z.json");
const regionalObject = fixture("uk-regional-13-ranged-object-2023-03-13T1201Z.json");
const regionalArray = fixture("uk-regional-13-current-array.json");

function withBadForecast(): unknown {
  const copy = structuredClone(fw48h);
  copy.data[3].intensity.forecast = "high";
  return copy;
}

describeHttpProviderContract({
  name: "UK Carbon Intensity national forecast",
  providerId: "uk-carbon-intensity",
  path: /^\/intensity\/[^/]+\/fw48h$/,
  make: (baseUrl, http) => createUkCarbonIntensityProvider({ baseUrl, http }),
  call: (provider) => provider.forecast(national, new Date("2023-03-15T03:31Z"), 48),
  success: {
    body: fw48h,
    check(result) {
      const readings = result as IntensityReading[];
      expect(readings).toHaveLength(96);
      expect(readings[0]).toEqual({
        start: new Date("2023-03-15T03:30Z"),
        end: new Date("2023-03-15T04:00Z"),
        gCO2PerKWh: 201,
        kind: "forecast",
        index: "high",
        source: "uk-carbon-intensity:national",
      });
    },
  },
  empty: { body: { data: [] }, expected: [] },
  malformedShape: { body: withBadForecast(), path: "data[3].intensity.forecast" },
});

describeHttpProviderContract({
  name: "UK Carbon Intensity regional current",
  providerId: "uk-carbon-intensity",
  path: "/regional/regionid/13",
  make: (baseUrl, http) =>
    createUkCarbonIntensityProvider({ baseUrl, http, now: () => new Date("2023-03-13T12:10Z") }),
  call: (provider) => provider.current(london),
  success: {
    body: regionalArray,
    check(result) {
      expect(result).toMatchObject({ gCO2PerKWh: 130, kind: "forecast", index: "moderate", source: "uk-carbon-intensity:region:13" });
    },
  },
  empty: { body: { data: [] }, expected: null },
  malformedShape: {
    body: { data: [{ regionid: 13, data: [{ from: "2023-03-13T12:00Z", to: "2023-03-13T12:30Z", intensity: {} }] }] },
    path: "data[0].data[0].intensity.forecast",
  },
});

describeHttpProviderContract({
  name: "UK Carbon Intensity regional ranged forecast",
  providerId: "uk-carbon-intensity",
  path: /^\/regional\/intensity\/[^/]+\/fw48h\/regionid\/13$/,
  make: (baseUrl, http) => createUkCarbonIntensityProvider({ baseUrl, http }),
  call: (provider) => provider.forecast(london, new Date("2023-03-13T12:01Z"), 48),
  success: {
    body: regionalObject,
    check(result) {
      expect((result as IntensityReading[]).map((r) => r.gCO2PerKWh)).toEqual([130, 129, 129, 129]);
    },
  },
  empty: { body: { data: { regionid: 13, data: [] } }, expected: [] },
  malformedShape: {
    body: { data: { regionid: 13, data: [{ from: "2023-03-13T12:00Z", to: "13:30", intensity: { forecast: 1 } }] } },
    path: "data.data[0].to",
  },
});

describe("UK Carbon Intensity provider", () => {
  let server: FakeHttpServer;
  useFakeHttp((started) => (server = started));
  const provider = (now = new Date("2023-03-14T03:31Z")) =>
    createUkCarbonIntensityProvider({ baseUrl: server.baseUrl, http: FAST_HTTP, now: () => now });

  it("formats path times to the minute in UTC", () => {
    expect(ukTime(new Date("2023-03-15T03:31:45.123Z"))).toBe("2023-03-15T03:31Z");
  });

  it("sends Accept and a descriptive User-Agent", async () => {
    server.setRoutes([{ path: /^\/intensity\//, respond: { body: fw48h } }]);
    await provider().forecast(national, new Date("2023-03-15T03:31Z"), 1);
    const [request] = server.requests;
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["user-agent"]).toMatch(/^GridShift\//);
  });

  it("cuts the forecast to the hours asked for", async () => {
    server.setRoutes([{ path: /^\/intensity\//, respond: { body: fw48h } }]);
    const readings = await provider().forecast(national, new Date("2023-03-15T03:31Z"), 2);
    expect(readings.map((r) => r.start.toISOString())).toEqual([
      "2023-03-15T03:30:00.000Z",
      "2023-03-15T04:00:00.000Z",
      "2023-03-15T04:30:00.000Z",
      "2023-03-15T05:00:00.000Z",
      "2023-03-15T05:30:00.000Z",
    ]);
  });

  it("reads national history as actuals where published and forecasts where not", async () => {
    server.setRoutes([{ path: /^\/intensity\/[^/]+\/[^/]+$/, respond: { body: pt24h } }]);
    const readings = await provider().history(national, new Date("2023-03-13T03:30Z"), new Date("2023-03-14T03:30Z"));
    expect(readings).toHaveLength(48);
    expect(readings[0]).toMatchObject({ gCO2PerKWh: 64, kind: "actual", index: "low" });
    expect(readings.at(-1)).toMatchObject({ gCO2PerKWh: 68, kind: "forecast" });
    expect(server.requests[0].url.pathname).toBe("/intensity/2023-03-13T03:30Z/2023-03-14T03:30Z");
  });

  it("chunks history longer than 14 days", async () => {
    server.setRoutes([{ path: /^\/intensity\//, respond: { body: { data: [] } } }]);
    await provider().history(national, new Date("2023-01-01T00:00Z"), new Date("2023-01-31T00:00Z"));
    expect(server.requests.map((r) => r.url.pathname)).toEqual([
      "/intensity/2023-01-01T00:00Z/2023-01-15T00:00Z",
      "/intensity/2023-01-15T00:00Z/2023-01-29T00:00Z",
      "/intensity/2023-01-29T00:00Z/2023-01-31T00:00Z",
    ]);
  });

  it("parses a ranged regional answer whose data is an object", async () => {
    server.setRoutes([{ path: /^\/regional\/intensity\/.*\/fw48h\/regionid\/13$/, respond: { body: regionalObject } }]);
    const readings = await provider().forecast(london, new Date("2023-03-13T12:01Z"), 2);
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([130, 129, 129, 129]);
    expect(readings.every((r) => r.kind === "forecast")).toBe(true);
  });

  it("parses a regional answer whose data is an array, on any endpoint", async () => {
    server.setRoutes([{ path: /^\/regional\/intensity\//, respond: { body: regionalArray } }]);
    const readings = await provider().forecast(london, new Date("2023-03-13T12:01Z"), 2);
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([130]);
  });

  it("asks by postcode for a postcode zone", async () => {
    server.setRoutes([{ path: "/regional/postcode/RG10", respond: { body: regionalArray } }]);
    const reading = await provider(new Date("2023-03-13T12:10Z")).current(parseZone("uk:postcode:rg10"));
    expect(reading).toMatchObject({ gCO2PerKWh: 130, source: "uk-carbon-intensity:postcode:RG10" });
  });

  it("asks regional history by range and region", async () => {
    server.setRoutes([{ path: /^\/regional\/intensity\//, respond: { body: regionalObject } }]);
    const readings = await provider().history(london, new Date("2023-03-13T12:00Z"), new Date("2023-03-13T13:00Z"));
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([130, 129]);
    expect(server.requests[0].url.pathname).toBe("/regional/intensity/2023-03-13T12:00Z/2023-03-13T13:00Z/regionid/13");
  });

  it("returns the national current half hour, preferring the actual", async () => {
    const current = { data: [{ from: "2023-03-14T03:00Z", to: "2023-03-14T03:30Z", intensity: { forecast: 68, actual: 70, index: "low" } }] };
    server.setRoutes([{ path: "/intensity", respond: { body: current } }]);
    expect(await provider().current(national)).toMatchObject({ gCO2PerKWh: 70, kind: "actual" });
  });

  it("reads the national generation mix for the half hour containing a time", async () => {
    server.setRoutes([{ path: /^\/generation\//, respond: { body: fixture("uk-generation-ranged-array.json") } }]);
    const mix = await provider().generationMix!(national, new Date("2023-03-13T12:10Z"));
    expect(server.requests[0].url.pathname).toBe("/generation/2023-03-13T12:00Z/2023-03-13T12:30Z");
    expect(mix?.fuels).toContainEqual({ fuel: "wind", percent: 54 });
  });

  it("reads a regional generation mix from the regional intensity answer", async () => {
    server.setRoutes([{ path: /^\/regional\/intensity\//, respond: { body: regionalObject } }]);
    const mix = await provider().generationMix!(london, new Date("2023-03-13T12:40Z"));
    expect(mix?.start).toEqual(new Date("2023-03-13T12:30Z"));
    expect(mix?.fuels).toContainEqual({ fuel: "imports", percent: 23.2 });
  });

  it("refuses zones it does not serve", async () => {
    const error = await provider().current(parseZone("em:DE")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("unsupported");
  });
});
