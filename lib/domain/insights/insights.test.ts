import { describe, expect, test } from "vitest";
import { equivalents, EQUIVALENT_CONSTANTS } from "./equivalents";
import { buildInsights, monthToDate, runBand, type InsightRun } from "./insights";

const run = (o: Partial<InsightRun>): InsightRun => ({
  id: "r", taskId: "t1", taskName: "train", serverId: "s1", serverName: "gpu-1",
  startedAt: new Date("2026-03-01T10:00Z"), finishedAt: new Date("2026-03-01T11:00Z"),
  energyKwh: 1, operationalCarbonG: 100, carbonG: 150, counterfactualCarbonG: 250, savedCarbonG: 100, sciG: 150, functionalUnit: "run", ...o,
});

describe("buildInsights", () => {
  test("totals and the saving against the run-at-once baseline", () => {
    const i = buildInsights([run({}), run({ id: "r2", carbonG: 50, counterfactualCarbonG: 30, savedCarbonG: -20 })]);
    expect(i.totals).toEqual({ runs: 2, energyKwh: 2, carbonG: 200, counterfactualCarbonG: 280, savedCarbonG: 80, savedPercent: (100 * 80) / 280 });
  });

  test("cumulative series by day", () => {
    const i = buildInsights([
      run({ finishedAt: new Date("2026-03-02T01:00Z"), carbonG: 10, counterfactualCarbonG: 30 }),
      run({ finishedAt: new Date("2026-03-01T01:00Z"), carbonG: 5, counterfactualCarbonG: 5 }),
      run({ finishedAt: new Date("2026-03-02T05:00Z"), carbonG: 1, counterfactualCarbonG: 2 }),
    ]);
    expect(i.cumulative).toEqual([
      { day: "2026-03-01", actualG: 5, baselineG: 5, savedG: 0 },
      { day: "2026-03-02", actualG: 16, baselineG: 37, savedG: 21 },
    ]);
  });

  test("carbon by server and by task, largest first", () => {
    const i = buildInsights([run({}), run({ serverId: "s2", serverName: "cpu-2", taskId: "t2", taskName: "etl", carbonG: 400 })]);
    expect(i.byServer.map((s) => [s.name, s.carbonG])).toEqual([["cpu-2", 400], ["gpu-1", 150]]);
    expect(i.byTask.map((s) => s.name)).toEqual(["etl", "train"]);
  });

  test.each([
    [10, "very low"], [30, "low"], [100, "moderate"], [200, "high"], [300, "very high"],
  ])("a run at %d g/kWh in 2026 is %s", (g, band) => expect(runBand({ operationalCarbonG: g, energyKwh: 1, startedAt: new Date("2026-03-01") })).toBe(band));

  test("the share of runs in low and very low bands", () => {
    const i = buildInsights([run({ operationalCarbonG: 10 }), run({ operationalCarbonG: 30 }), run({ operationalCarbonG: 300 }), run({ energyKwh: 0 })]);
    expect(i.lowShare).toBeCloseTo(2 / 3, 12);
    expect(i.bands.find((b) => b.band === "very high")!.runs).toBe(1);
  });

  test("no runs: zeros, no percentages", () => {
    const i = buildInsights([]);
    expect(i.totals.savedPercent).toBeNull();
    expect(i.lowShare).toBeNull();
    expect(i.cumulative).toEqual([]);
  });
});

describe("equivalents", () => {
  test("the constants as published", () => {
    expect(EQUIVALENT_CONSTANTS.citizenWeekKg).toBeCloseTo(255.769, 3);
    expect(EQUIVALENT_CONSTANTS.householdDayKg).toBeCloseTo(22.877, 3);
  });
  test.each([
    ["car-km", 1.33, 10],
    ["phone-charges", 0.124, 10],
    ["household-days", 8350 / 365, 1],
    ["citizen-weeks", 13300 / 52, 100],
  ])("%s of %d kg", (key, kg, value) => expect(equivalents(kg).find((e) => e.key === key)!.value).toBeCloseTo(value, 9));
  test("every equivalent names its constant and source", () => {
    for (const e of equivalents(1)) expect(e.constant && e.source && e.sourceUrl.startsWith("https://")).toBeTruthy();
  });
});

test("the default range is the month so far", () => {
  expect(monthToDate(new Date("2026-03-17T15:00:00Z"))).toEqual({ from: "2026-03-01", to: "2026-03-17" });
});
