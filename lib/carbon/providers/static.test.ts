import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import { parseZone } from "../zones";
import { createStaticProvider } from "./static";
import { COUNTRY_AVERAGES } from "./static-averages";

describe("static provider", () => {
  const now = new Date("2026-11-23T05:40Z");
  const provider = createStaticProvider({ now: () => now });

  it("serves the annual average for the hour, labelled as an average", async () => {
    expect(await provider.current(parseZone("static:GB"))).toEqual({
      start: new Date("2026-11-23T05:00Z"),
      end: new Date("2026-11-23T06:00Z"),
      gCO2PerKWh: 237.59,
      kind: "actual",
      source: "static:ember-annual-average-2023:GBR",
    });
  });

  it("accepts alpha-2 and alpha-3 codes alike", async () => {
    const [a, b] = await Promise.all([provider.current(parseZone("static:DE")), provider.current(parseZone("static:DEU"))]);
    expect(a).toEqual(b);
  });

  it("gives the same value every hour of a forecast", async () => {
    const readings = await provider.forecast(parseZone("static:FR"), now, 3);
    expect(readings.map((r) => [r.start.toISOString(), r.gCO2PerKWh])).toEqual([
      ["2026-11-23T05:00:00.000Z", 56.04],
      ["2026-11-23T06:00:00.000Z", 56.04],
      ["2026-11-23T07:00:00.000Z", 56.04],
      ["2026-11-23T08:00:00.000Z", 56.04],
    ]);
  });

  it("reports a country without data as not_found", async () => {
    const error = await provider.current(parseZone("static:ZZ")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("not_found");
  });

  it("has one row per country with plausible values", () => {
    expect(new Set(COUNTRY_AVERAGES.map((r) => r.alpha2)).size).toBe(COUNTRY_AVERAGES.length);
    for (const row of COUNTRY_AVERAGES) expect(row.gCO2PerKWh).toBeGreaterThan(0);
  });
});
