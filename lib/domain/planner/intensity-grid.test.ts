import { describe, expect, test } from "vitest";
import { buildZoneGrid, integrate, makeTimeGrid } from "./intensity-grid";
import { HALF_HOUR, T0, halfHourly } from "./test-helpers";

const grid = makeTimeGrid(T0, 30, T0 + 6 * HALF_HOUR);

describe("buildZoneGrid", () => {
  test("15-minute readings are averaged into 30-minute slots", () => {
    const quarter = 900_000;
    const readings = [100, 200, 300, 500].map((g, i) => ({ start: new Date(T0 + i * quarter), end: new Date(T0 + (i + 1) * quarter), gCO2PerKWh: g, kind: "forecast" as const }));
    const z = buildZoneGrid(grid, { zone: "GB", readings }, "GB");
    expect([...z.values.slice(0, 2)]).toEqual([150, 400]);
    expect(z.knownEnd).toBe(2);
  });

  test("an actual wins over a forecast for the same period", () => {
    const readings = [...halfHourly([100, 100]), ...halfHourly([40], T0, "actual")];
    expect(buildZoneGrid(grid, { zone: "GB", readings }, "GB").values[0]).toBe(40);
  });

  test("gaps and the tail are filled with the previous value and reported", () => {
    const readings = [...halfHourly([100]), ...halfHourly([300], T0 + 2 * HALF_HOUR)];
    const z = buildZoneGrid(grid, { zone: "GB", readings }, "GB");
    expect([...z.values]).toEqual([100, 100, 300, 300, 300, 300]);
    expect(z.hasGaps).toBe(true);
    expect(z.knownEnd).toBe(3);
  });

  test("no reading in the grid means missing; the stale flag is carried", () => {
    expect(buildZoneGrid(grid, undefined, "GB").status).toBe("missing");
    expect(buildZoneGrid(grid, { zone: "GB", readings: halfHourly([1]), stale: true }, "GB").status).toBe("stale");
  });

  test("integrate covers fractional slots exactly", () => {
    const z = buildZoneGrid(grid, { zone: "GB", readings: halfHourly([100, 200, 300, 400, 500, 600]) }, "GB");
    expect(integrate(z, 0.5, 2.5)).toBeCloseTo(50 + 200 + 150, 9);
    expect(integrate(z, 5, 7)).toBeCloseTo(1200, 9);
  });
});
