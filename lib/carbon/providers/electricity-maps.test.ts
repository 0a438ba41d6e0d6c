import { describe, expect, it } from "vitest";
import { useFakeHttp, type FakeHttpServer } from "@/lib/testing/fake-http";
import { describeHttpProviderContract, FAST_HTTP, fixture } from "../testing/http-provider-contract";
import type { IntensityReading } from "../types";
import { parseZone } from "../zones";
import { createElectricityMapsProvider } from "./electricity-maps";

const de = parseZone("em:DE");
const forecastBody = fixture("em-forecast-de.json") as { forecast: Record<string, unknown>[] };

function withBadIntensity(): unknown {
  const copy = structuredClone(forecastBody);
  copy.forecast[1].carbonIntensity = "336";
  return copy;
}

describeHttpProviderContract({
  name: "Electricity Maps forecast",
  providerId: "electricity-maps",
  path: "/v3/carbon-intensity/forecast",
  make: (baseUrl, http) => createElectricityMapsProvider({ baseUrl, http, apiKey: "test-key" }),
  call: (provider) => provider.forecast(de, new Date("2019-05-21T00:00Z"), 24),
  success: {
    body: forecastBody,
    check(result) {
      const readings = result as IntensityReading[];
      expect(readings.map((r) => r.gCO2PerKWh)).toEqual([336, 339, 335, 330]);
      expect(readings[0]).toEqual({
        start: new Date("2019-05-21T00:00Z"),
        end: new Date("2019-05-21T01:00Z"),
        gCO2PerKWh: 336,
        kind: "forecast",
        source: "electricity-maps:lifecycle",
      });
    },
  },
  empty: { body: { zone: "DE", forecast: [] }, expected: [] },
  malformedShape: { body: withBadIntensity(), path: "forecast[1].carbonIntensity" },
});

describeHttpProviderContract({
  name: "Electricity Maps latest",
  providerId: "electricity-maps",
  path: "/v3/carbon-intensity/latest",
  make: (baseUrl, http) => createElectricityMapsProvider({ baseUrl, http, apiKey: "test-key" }),
  call: (provider) => provider.current(de),
  success: {
    body: fixture("em-latest-de.json"),
    check(result) {
      expect(result).toMatchObject({ gCO2PerKWh: 322, kind: "actual", start: new Date("2019-05-21T00:00Z") });
    },
  },
  empty: { body: { zone: "DE", carbonIntensity: null, datetime: "2019-05-21T00:00:00.000Z" }, expected: null },
  malformedShape: { body: { zone: "DE", carbonIntensity: 322, datetime: "yesterday" }, path: "datetime" },
});

describeHttpProviderContract({
  name: "Electricity Maps past-range history",
  providerId: "electricity-maps",
  path: "/v3/carbon-intensity/past-range",
  make: (baseUrl, http) =>
    createElectricityMapsProvider({ baseUrl, http, apiKey: "test-key", now: () => new Date("2019-06-01T00:00Z") }),
  call: (provider) => provider.history(de, new Date("2019-05-21T00:00Z"), new Date("2019-05-21T03:00Z")),
  success: {
    body: fixture("em-past-range-de.json"),
    check(result) {
      expect((result as IntensityReading[]).map((r) => r.gCO2PerKWh)).toEqual([322, 320]);
    },
  },
  empty: { body: { zone: "DE", data: [] }, expected: [] },
  malformedShape: { body: { zone: "DE", data: [{ carbonIntensity: 1 }] }, path: "data[0].datetime" },
});

describe("Electricity Maps provider", () => {
  let server: FakeHttpServer;
  useFakeHttp((started) => (server = started));
  const now = new Date("2019-05-21T03:00Z");
  const provider = () =>
    createElectricityMapsProvider({ baseUrl: server.baseUrl, http: FAST_HTTP, apiKey: "test-key", now: () => now });

  it("authenticates with the auth-token header and asks by zone", async () => {
    server.setRoutes([{ path: "/v3/carbon-intensity/latest", respond: { body: fixture("em-latest-de.json") } }]);
    await provider().current(de);
    const [request] = server.requests;
    expect(request.headers["auth-token"]).toBe("test-key");
    expect(request.url.searchParams.get("zone")).toBe("DE");
    expect(request.url.searchParams.get("emissionFactorType")).toBe("lifecycle");
  });

  it("uses /history for the last 24 hours", async () => {
    server.setRoutes([{ path: "/v3/carbon-intensity/history", respond: { body: fixture("em-history-de.json") } }]);
    const readings = await provider().history(de, new Date("2019-05-20T22:00Z"), now);
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([318, 322]);
    expect(readings.every((r) => r.kind === "actual")).toBe(true);
  });

  it("uses /past-range in 10-day chunks further back, skipping missing hours", async () => {
    server.setRoutes([{ path: "/v3/carbon-intensity/past-range", respond: { body: fixture("em-past-range-de.json") } }]);
    const readings = await provider().history(de, new Date("2019-04-21T00:00Z"), new Date("2019-05-21T03:00Z"));
    const ranges = server.requests.map((r) => [r.url.searchParams.get("start"), r.url.searchParams.get("end")]);
    expect(ranges).toEqual([
      ["2019-04-21T00:00:00.000Z", "2019-05-01T00:00:00.000Z"],
      ["2019-05-01T00:00:00.000Z", "2019-05-11T00:00:00.000Z"],
      ["2019-05-11T00:00:00.000Z", "2019-05-21T00:00:00.000Z"],
      ["2019-05-21T00:00:00.000Z", "2019-05-21T03:00:00.000Z"],
    ]);
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([322, 320]);
  });

  it("honours the granularity the provider reports", async () => {
    const body = { zone: "DE", carbonIntensity: 300, datetime: "2019-05-21T00:15:00Z", temporalGranularity: "15_minutes" };
    server.setRoutes([{ path: "/v3/carbon-intensity/latest", respond: { body } }]);
    const reading = await provider().current(de);
    expect(reading?.end).toEqual(new Date("2019-05-21T00:30Z"));
  });
});
