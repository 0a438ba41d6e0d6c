import { describe, expect, it } from "vitest";
import { chartPoints, mixShares, timeTicks, valueDomain, windowAreas } from "@/lib/domain/intensity-series";

const t = (hhmm: string) => `2026-03-01T${hhmm}:00.000Z`;
const ms = (hhmm: string) => Date.parse(t(hhmm));

describe("chartPoints", () => {
  it("steps through the readings and closes the last period", () => {
    expect(chartPoints([
      { start: t("00:30"), end: t("01:00"), gCO2PerKWh: 120, kind: "forecast" },
      { start: t("00:00"), end: t("00:30"), gCO2PerKWh: 100, kind: "forecast" },
    ])).toEqual([
      { t: ms("00:00"), actual: null, forecast: 100 },
      { t: ms("00:30"), actual: null, forecast: 120 },
      { t: ms("01:00"), actual: null, forecast: 120 },
    ]);
  });

  it("joins actuals and forecasts where one hands over to the other", () => {
    expect(chartPoints([
      { start: t("00:00"), end: t("00:30"), gCO2PerKWh: 90, kind: "actual" },
      { start: t("00:30"), end: t("01:00"), gCO2PerKWh: 110, kind: "forecast" },
    ])).toEqual([
      { t: ms("00:00"), actual: 90, forecast: null },
      { t: ms("00:30"), actual: 90, forecast: 110 },
      { t: ms("01:00"), actual: null, forecast: 110 },
    ]);
  });

  it("is empty for no readings", () => {
    expect(chartPoints([])).toEqual([]);
  });
});

describe("valueDomain, windowAreas, mixShares", () => {
  it.each([
    [[], [0, 50]],
    [[12], [0, 50]],
    [[201, 90], [0, 250]],
    [[730], [0, 800]],
  ])("domain of %j is %j", (values, expected) => {
    expect(valueDomain(values.map((gCO2PerKWh) => ({ gCO2PerKWh })))).toEqual(expected);
  });

  it("maps windows to chart areas with rounded means", () => {
    expect(windowAreas([{ start: t("01:00"), end: t("04:00"), meanGCO2PerKWh: 55.4 }])).toEqual([{ x1: ms("01:00"), x2: ms("04:00"), mean: 55 }]);
  });

  it("orders fuels by share and drops zeros", () => {
    expect(mixShares([{ fuel: "coal", percent: 0 }, { fuel: "gas", percent: 20.04 }, { fuel: "wind", percent: 41.26 }])).toEqual([
      { fuel: "wind", percent: 41.3 },
      { fuel: "gas", percent: 20 },
    ]);
  });
});

describe("timeTicks", () => {
  it("falls on whole local hours", () => {
    expect(timeTicks(ms("01:10"), ms("13:00"), 6)).toEqual([ms("06:00"), ms("12:00")]);
    // One hour ahead of UTC (offset -60): local 06:00 is 05:00Z.
    expect(timeTicks(ms("01:10"), ms("13:00"), 6, -60)).toEqual([ms("05:00"), ms("11:00")]);
    expect(timeTicks(ms("00:00"), ms("00:00"), 6)).toEqual([ms("00:00")]);
  });
});
