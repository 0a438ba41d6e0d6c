import { describe, expect, it } from "vitest";
import { indexBandFor, INDEX_BANDS } from "./index-bands";

const at = (year: number) => new Date(Date.UTC(year, 5, 1));

describe("indexBandFor", () => {
  // Every boundary of every year in the NESO table: the band's first value and the one before it.
  const cases = Object.entries(INDEX_BANDS).flatMap(([year, bands]) => [
    { year: Number(year), value: 0, expected: "very low" },
    { year: Number(year), value: bands.low - 1, expected: "very low" },
    { year: Number(year), value: bands.low, expected: "low" },
    { year: Number(year), value: bands.moderate - 1, expected: "low" },
    { year: Number(year), value: bands.moderate, expected: "moderate" },
    { year: Number(year), value: bands.high - 1, expected: "moderate" },
    { year: Number(year), value: bands.high, expected: "high" },
    { year: Number(year), value: bands.veryHigh - 1, expected: "high" },
    { year: Number(year), value: bands.veryHigh, expected: "very high" },
  ]);

  it.each(cases)("$year: $value is $expected", ({ year, value, expected }) => {
    expect(indexBandFor(value, at(year))).toBe(expected);
  });

  it.each([
    { year: 2017, value: 99, expected: "very low" },
    { year: 2017, value: 399, expected: "high" },
    { year: 2018, value: 380, expected: "very high" },
    { year: 2023, value: 119, expected: "low" },
    { year: 2023, value: 120, expected: "moderate" },
    { year: 2023, value: 201, expected: "high" },
    { year: 2023, value: 290, expected: "very high" },
    { year: 2030, value: 4, expected: "very low" },
    { year: 2030, value: 150, expected: "very high" },
  ])("matches the printed table: $year $value → $expected", ({ year, value, expected }) => {
    expect(indexBandFor(value, at(year))).toBe(expected);
  });

  it("uses the UTC year of the reading, so bands move at midnight UTC on 1 January", () => {
    expect(indexBandFor(35, new Date("2023-12-31T23:30Z"))).toBe("very low");
    expect(indexBandFor(35, new Date("2024-01-01T00:00Z"))).toBe("low");
  });

  it("clamps years outside the published table", () => {
    expect(indexBandFor(99, at(2010))).toBe("very low");
    expect(indexBandFor(150, at(2040))).toBe("very high");
  });

  it("agrees with every index in the recorded 2023 responses", async () => {
    const { fixture } = await import("./testing/http-provider-contract");
    for (const name of ["uk-national-pt24h-2023-03-14T0331Z.json", "uk-national-fw48h-2023-03-15T0331Z.json"]) {
      const payload = fixture(name) as { data: { from: string; intensity: { forecast: number; actual: number | null; index: string } }[] };
      for (const period of payload.data) {
        const value = period.intensity.actual ?? period.intensity.forecast;
        expect(indexBandFor(value, new Date(period.from)), `${name} ${period.from}`).toBe(period.intensity.index);
      }
    }
  });
});
