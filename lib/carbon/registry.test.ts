import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHttp, type FakeHttpServer } from "@/lib/testing/fake-http";
import { ProviderError } from "./errors";
import { carbonConfigFromEnv, createCarbonRegistry } from "./registry";
import { FAST_HTTP, fixture } from "./testing/http-provider-contract";

describe("carbonConfigFromEnv", () => {
  it("defaults to the public APIs", () => {
    expect(carbonConfigFromEnv({})).toEqual({
      ukBaseUrl: "https://api.carbonintensity.org.uk",
      electricityMapsBaseUrl: "https://api.electricitymap.org",
      electricityMapsApiKey: undefined,
      wattTimeBaseUrl: "https://api.watttime.org",
      wattTimeUsername: undefined,
      wattTimePassword: undefined,
      replayDir: undefined,
    });
  });

  it("lets every base URL and credential be overridden", () => {
    const config = carbonConfigFromEnv({
      GRIDSHIFT_UKCI_BASE_URL: "http://127.0.0.1:1",
      GRIDSHIFT_ELECTRICITYMAPS_BASE_URL: "http://127.0.0.1:2",
      GRIDSHIFT_ELECTRICITYMAPS_API_KEY: "key",
      GRIDSHIFT_WATTTIME_BASE_URL: "http://127.0.0.1:3",
      GRIDSHIFT_WATTTIME_USERNAME: "user",
      GRIDSHIFT_WATTTIME_PASSWORD: "pass",
      GRIDSHIFT_REPLAY_DIR: "/data",
    });
    expect(config).toMatchObject({
      ukBaseUrl: "http://127.0.0.1:1",
      electricityMapsBaseUrl: "http://127.0.0.1:2",
      electricityMapsApiKey: "key",
      wattTimeBaseUrl: "http://127.0.0.1:3",
      wattTimeUsername: "user",
      wattTimePassword: "pass",
      replayDir: "/data",
    });
  });

  it("treats blank variables as unset", () => {
    expect(carbonConfigFromEnv({ GRIDSHIFT_UKCI_BASE_URL: "  " }).ukBaseUrl).toBe("https://api.carbonintensity.org.uk");
  });
});

describe("carbon registry", () => {
  let server: FakeHttpServer;
  beforeAll(async () => {
    server = await startFakeHttp([{ path: /^\/intensity\//, respond: { body: fixture("uk-national-fw48h-2023-03-15T0331Z.json") } }]);
  });
  afterAll(async () => {
    await server.close();
  });
  const config = () => ({ ...carbonConfigFromEnv({}), ukBaseUrl: server.baseUrl });

  it.each([
    ["uk:national", "uk-carbon-intensity"],
    ["uk:region:13", "uk-carbon-intensity"],
    ["replay:gb-lwa2020-week", "replay"],
    ["static:GB", "static"],
  ])("routes %s to %s", (zone, id) => {
    expect(createCarbonRegistry(config()).providerFor(zone).id).toBe(id);
  });

  it("uses the configured base URL", async () => {
    const provider = createCarbonRegistry(config(), { http: FAST_HTTP }).providerFor("uk:national");
    const readings = await provider.forecast({ kind: "uk-national" }, new Date("2023-03-15T03:31Z"), 1);
    expect(readings.length).toBeGreaterThan(0);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it("resolves a zone name to the parsed zone and its provider", async () => {
    const { zone, provider } = createCarbonRegistry(config()).resolve("static:FR");
    expect(zone).toEqual({ kind: "static", country: "FR" });
    expect((await provider.current(zone))?.gCO2PerKWh).toBe(56.04);
  });

  it("builds each provider once", () => {
    const registry = createCarbonRegistry(config());
    expect(registry.providerFor("uk:national")).toBe(registry.providerFor("uk:postcode:RG10"));
  });

  it("says which variable to set when credentials are missing", () => {
    const registry = createCarbonRegistry(config());
    for (const [zone, variable] of [
      ["em:DE", "GRIDSHIFT_ELECTRICITYMAPS_API_KEY"],
      ["wt:CAISO_NORTH", "GRIDSHIFT_WATTTIME_USERNAME"],
    ]) {
      const error = (() => {
        try {
          registry.providerFor(zone);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe("unsupported");
      expect((error as ProviderError).message).toContain(variable);
    }
  });

  it("serves credentialed providers once configured", () => {
    const registry = createCarbonRegistry({ ...config(), electricityMapsApiKey: "k", wattTimeUsername: "u", wattTimePassword: "p" });
    expect(registry.providerFor("em:DE").id).toBe("electricity-maps");
    expect(registry.providerFor("wt:CAISO_NORTH").id).toBe("watttime");
  });

  it("rejects an invalid zone name", () => {
    expect(() => createCarbonRegistry(config()).providerFor("mars:olympus")).toThrow(/zone must start with/);
  });
});
