import { describe, expect, it } from "vitest";
import { greenestWindows, type IntensityPoint } from "@/lib/domain/greenest-windows";

const T0 = Date.parse("2026-03-01T00:00:00Z");
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
/** Half-hour points from T0 with the given values. */
const series = (values: number[], stepMinutes = 30): IntensityPoint[] =>
  values.map((v, i) => ({ start: new Date(T0 + i * stepMinutes * 60_000), end: new Date(T0 + (i + 1) * stepMinutes * 60_000), gCO2PerKWh: v }));
const shape = (windows: ReturnType<typeof greenestWindows>) => windows.map((w) => [w.start.toISOString(), w.end.toISOString(), w.meanGCO2PerKWh]);

describe("greenestWindows", () => {
  it.each([
    { name: "single lowest slot", values: [300, 100, 200], duration: 30, count: 1, expected: [[iso(30), iso(60), 100]] },
    { name: "lowest mean pair", values: [100, 300, 50, 60, 400], duration: 60, count: 1, expected: [[iso(60), iso(120), 55]] },
    {
      name: "non-overlapping, best first",
      values: [10, 20, 500, 500, 30, 40],
      duration: 60,
      count: 3,
      expected: [[iso(0), iso(60), 15], [iso(120), iso(180), 35], [iso(60), iso(120), 500]],
    },
    { name: "ties go to the earlier window", values: [100, 90, 100, 100], duration: 30, count: 3, expected: [[iso(30), iso(60), 90], [iso(0), iso(30), 100], [iso(60), iso(90), 100]] },
    { name: "a flat forecast has no greener window", values: [56, 56, 56, 56], duration: 60, count: 3, expected: [] },
    { name: "too short a forecast", values: [100, 100], duration: 90, count: 1, expected: [] },
    { name: "nothing asked", values: [100], duration: 30, count: 0, expected: [] },
  ])("$name", ({ values, duration, count, expected }) => {
    expect(shape(greenestWindows(series(values), { durationMinutes: duration, count }))).toEqual(expected);
  });

  it("weights by time across hourly readings and windows not aligned to them", () => {
    const hourly = series([100, 200, 300], 60);
    expect(shape(greenestWindows(hourly, { durationMinutes: 90, count: 1 }))).toEqual([[iso(0), iso(90), (100 * 60 + 200 * 30) / 90]]);
  });

  it("never spans a gap in the data", () => {
    const points = [...series([10]), ...series([20, 20, 20]).slice(2)];
    expect(shape(greenestWindows(points, { durationMinutes: 60, count: 1 }))).toEqual([]);
  });

  it("starts no earlier than `from`, clipping the slot in progress", () => {
    const windows = greenestWindows(series([10, 500, 500, 20, 20]), { durationMinutes: 60, count: 1, from: new Date(T0 + 45 * 60_000) });
    expect(shape(windows)).toEqual([[iso(90), iso(150), 20]]);
  });

  it("is independent of input order", () => {
    const points = series([40, 10, 30, 20, 50]);
    expect(greenestWindows([...points].reverse(), { durationMinutes: 60, count: 2 })).toEqual(greenestWindows(points, { durationMinutes: 60, count: 2 }));
  });
});
