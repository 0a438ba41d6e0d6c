import { beforeEach, describe, expect, it } from "vitest";
import { useFakeHttp, type FakeHttpServer, type FakeRoute } from "@/lib/testing/fake-http";
import { ProviderError } from "../errors";
import { describeHttpProviderContract, FAST_HTTP, fixture } from "../testing/http-provider-contract";
import type { IntensityReading } from "../types";
import { parseZone } from "../zones";
import { createWattTimeProvider, lbsPerMWhToGPerKWh } from "./watttime";

const caiso = parseZone("wt:CAISO_NORTH");
const forecastBody = fixture("wt-forecast-caiso-north.json") as { data: Record<string, unknown>[]; meta: Record<string, unknown> };
const login: FakeRoute = { path: "/login", respond: { body: { token: "token-1" } } };
const at = new Date("2022-07-15T00:00Z");

function withBadValue(): unknown {
  const copy = structuredClone(forecastBody);
  copy.data[1].value = null;
  return copy;
}

describeHttpProviderContract({
  name: "WattTime forecast",
  providerId: "watttime",
  supportRoutes: [login],
  path: "/v3/forecast",
  make: (baseUrl, http) => createWattTimeProvider({ baseUrl, http, username: "u", password: "p", now: () => at }),
  call: (provider) => provider.forecast(caiso, at, 1),
  success: {
    body: forecastBody,
    check(result) {
      const readings = result as IntensityReading[];
      expect(readings).toHaveLength(3);
      expect(readings[0].start).toEqual(at);
      expect(readings[0].end).toEqual(new Date("2022-07-15T00:05Z"));
      expect(readings[0].gCO2PerKWh).toBeCloseTo(1048.4131919701972 * 0.453592, 9);
      expect(readings[0].source).toBe("watttime:co2_moer:marginal");
      expect(readings[0].kind).toBe("forecast");
    },
  },
  empty: { body: { data: [], meta: forecastBody.meta }, expected: [] },
  malformedShape: { body: withBadValue(), path: "data[1].value" },
});

describeHttpProviderContract({
  name: "WattTime historical",
  providerId: "watttime",
  supportRoutes: [login],
  path: "/v3/historical",
  make: (baseUrl, http) => createWattTimeProvider({ baseUrl, http, username: "u", password: "p", now: () => at }),
  call: (provider) => provider.history(caiso, new Date("2022-07-14T23:50Z"), at),
  success: {
    body: fixture("wt-historical-caiso-north.json"),
    check(result) {
      expect((result as IntensityReading[]).map((r) => r.kind)).toEqual(["actual", "actual"]);
    },
  },
  empty: { body: { data: [], meta: forecastBody.meta }, expected: [] },
  malformedShape: { body: { data: [{ point_time: "2022-07-14T23:50:00+00:00", value: 870 }], meta: {} }, path: "meta.data_point_period_seconds" },
});

describe("WattTime provider", () => {
  let server: FakeHttpServer;
  useFakeHttp((started) => (server = started));
  let clock = at;
  const provider = () =>
    createWattTimeProvider({ baseUrl: server.baseUrl, http: FAST_HTTP, username: "ada", password: "s3cret", now: () => clock });
  beforeEach(() => {
    clock = at;
  });

  it("converts lbs/MWh to g/kWh", () => {
    expect(lbsPerMWhToGPerKWh(1000)).toBeCloseTo(453.592, 9);
  });

  it("logs in with Basic auth, then sends the bearer token", async () => {
    server.setRoutes([login, { path: "/v3/forecast", respond: { body: forecastBody } }]);
    await provider().forecast(caiso, at, 1);
    const [loginRequest, dataRequest] = server.requests;
    expect(loginRequest.headers.authorization).toBe(`Basic ${Buffer.from("ada:s3cret").toString("base64")}`);
    expect(dataRequest.headers.authorization).toBe("Bearer token-1");
    expect(dataRequest.url.searchParams.get("region")).toBe("CAISO_NORTH");
    expect(dataRequest.url.searchParams.get("signal_type")).toBe("co2_moer");
  });

  it("caches the token until it expires", async () => {
    server.setRoutes([login, { path: "/v3/forecast", respond: { body: forecastBody } }]);
    const wt = provider();
    await wt.forecast(caiso, at, 1);
    clock = new Date(at.getTime() + 20 * 60_000);
    await wt.forecast(caiso, at, 1);
    expect(server.requestsTo("/login")).toHaveLength(1);
    clock = new Date(at.getTime() + 31 * 60_000);
    await wt.forecast(caiso, at, 1);
    expect(server.requestsTo("/login")).toHaveLength(2);
  });

  it("shares one login between concurrent calls", async () => {
    server.setRoutes([login, { path: "/v3/forecast", respond: { body: forecastBody } }]);
    const wt = provider();
    await Promise.all([wt.forecast(caiso, at, 1), wt.current(caiso), wt.forecast(caiso, at, 2)]);
    expect(server.requestsTo("/login")).toHaveLength(1);
  });

  it("logs in again once when a token is refused", async () => {
    server.setRoutes([
      { path: "/login", respond: [{ body: { token: "stale" } }, { body: { token: "fresh" } }] },
      { path: "/v3/forecast", respond: [{ status: 401, body: {} }, { body: forecastBody }] },
    ]);
    const readings = await provider().forecast(caiso, at, 1);
    expect(readings).toHaveLength(3);
    expect(server.requestsTo("/v3/forecast").map((r) => r.headers.authorization)).toEqual(["Bearer stale", "Bearer fresh"]);
  });

  it("reports bad credentials as unauthorised", async () => {
    server.setRoutes([{ path: "/login", respond: { status: 403, body: "Forbidden" } }]);
    const error = await provider().current(caiso).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("unauthorised");
  });

  it("returns the current five minutes from the forecast", async () => {
    server.setRoutes([login, { path: "/v3/forecast", respond: { body: forecastBody } }]);
    clock = new Date("2022-07-15T00:07Z");
    const reading = await provider().current(caiso);
    expect(reading?.start).toEqual(new Date("2022-07-15T00:05Z"));
  });

  it("asks for a horizon long enough for the window", async () => {
    server.setRoutes([login, { path: "/v3/forecast", respond: { body: forecastBody } }]);
    await provider().forecast(caiso, at, 30);
    expect(server.requestsTo("/v3/forecast")[0].url.searchParams.get("horizon_hours")).toBe("30");
  });

  it("reads history from /v3/historical as actuals", async () => {
    server.setRoutes([login, { path: "/v3/historical", respond: { body: fixture("wt-historical-caiso-north.json") } }]);
    const readings = await provider().history(caiso, new Date("2022-07-14T23:50Z"), at);
    expect(readings.map((r) => r.kind)).toEqual(["actual", "actual"]);
    expect(readings[0].gCO2PerKWh).toBeCloseTo(870 * 0.453592, 9);
    const [request] = server.requestsTo("/v3/historical");
    expect(request.url.searchParams.get("start")).toBe("2022-07-14T23:50:00.000Z");
    expect(request.url.searchParams.get("end")).toBe("2022-07-15T00:00:00.000Z");
  });

  it("refuses a signal in other units", async () => {
    const body = { ...forecastBody, meta: { ...forecastBody.meta, units: "kg_co2_per_mwh" } };
    server.setRoutes([login, { path: "/v3/forecast", respond: { body } }]);
    const error = (await provider().forecast(caiso, at, 1).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("malformed");
    expect(error.path).toBe("meta.units");
  });
});
