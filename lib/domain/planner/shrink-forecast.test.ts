import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planTick } from "./plan-tick";
import { errorAtLead, shrinkForecast } from "./shrink-forecast";
import { at, baseConfig, HALF_HOUR, halfHourly, server, T0, task } from "./test-helpers";
import type { ForecastErrorAtLead, IntensityPrior, ZoneForecast } from "./types";

const errors: ForecastErrorAtLead[] = [
  { fromLeadMinutes: 0, sdGPerKWh: 0 },
  { fromLeadMinutes: 60, sdGPerKWh: 10 },
  { fromLeadMinutes: 720, sdGPerKWh: 30 },
];

function flatPrior(g: number, sd: number, slots: number): IntensityPrior[] {
  return Array.from({ length: slots }, (_, i) => ({ start: at(i), end: at(i + 1), gCO2PerKWh: g, sdGPerKWh: sd }));
}

describe("shrinkForecast", () => {
  it("moves each forecast toward the prior by sd² / (sd² + error sd²) at its lead", () => {
    const zone: ZoneForecast = { zone: "GB", readings: halfHourly([100, 100, 100, 100, 100]), prior: flatPrior(200, 10, 30) };
    const out = shrinkForecast(zone, errors, T0)!.readings.map((r) => r.gCO2PerKWh);
    // Leads 0 and 30 min: no error, kept; 60 and 90 min: k = 100 / 200 = 0.5.
    expect(out).toEqual([100, 100, 150, 150, 150]);
  });

  it("uses the far-lead error from its lead on", () => {
    const readings = halfHourly([100], T0 + 24 * HALF_HOUR);
    const out = shrinkForecast({ zone: "GB", readings, prior: flatPrior(200, 10, 30) }, errors, T0)!;
    expect(out.readings[0].gCO2PerKWh).toBeCloseTo(200 - 100 * (100 / 1000));
  });

  it("leaves actuals, uncovered readings and zones without prior or config alone", () => {
    const actual = halfHourly([100, 100, 100], T0, "actual");
    const zone: ZoneForecast = { zone: "GB", readings: actual, prior: flatPrior(200, 10, 30) };
    expect(shrinkForecast(zone, errors, T0)!.readings.map((r) => r.gCO2PerKWh)).toEqual([100, 100, 100]);
    const beyond: ZoneForecast = { zone: "GB", readings: halfHourly([100], T0 + 40 * HALF_HOUR), prior: flatPrior(200, 10, 30) };
    expect(shrinkForecast(beyond, errors, T0)!.readings[0].gCO2PerKWh).toBe(100);
    const plain: ZoneForecast = { zone: "GB", readings: halfHourly([100, 100, 100]) };
    expect(shrinkForecast(plain, errors, T0)).toBe(plain);
    expect(shrinkForecast(zone, undefined, T0)).toBe(zone);
    expect(shrinkForecast(undefined, errors, T0)).toBeUndefined();
  });

  it("errorAtLead takes the last entry reached", () => {
    expect([0, 59, 60, 719, 720, 5000].map((l) => errorAtLead(errors, l))).toEqual([0, 0, 10, 10, 30, 30]);
  });

  it("property: a shrunk forecast lies between the forecast and the prior", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 800, noNaN: true }), { minLength: 1, maxLength: 96 }),
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        (values, prior, sd) => {
          const zone: ZoneForecast = { zone: "GB", readings: halfHourly(values), prior: flatPrior(prior, sd, 96) };
          const out = shrinkForecast(zone, errors, T0)!.readings;
          return out.every((r, i) => r.gCO2PerKWh >= Math.min(values[i], prior) - 1e-9 && r.gCO2PerKWh <= Math.max(values[i], prior) + 1e-9);
        },
      ),
    );
  });
});

describe("planTick with forecast uncertainty", () => {
  // Now 100 g/kWh; a dip to 80 forecast 20 h ahead, where the forecast error (sd 30) is large next to
  // how much the grid usually varies around its climatology (sd 15, mean 120).
  const values = Array.from({ length: 48 }, (_, i) => (i === 40 || i === 41 ? 80 : i < 2 ? 100 : 120));
  const input = (withPrior: boolean) => ({
    now: new Date(T0),
    tasks: [task("t", { deadline: at(48) })],
    servers: [server("s1")],
    forecasts: [{ zone: "GB", readings: halfHourly(values), prior: withPrior ? flatPrior(120, 15, 48) : undefined }],
    config: { ...baseConfig, forecastErrorSd: errors },
  });

  it("chases the far dip on the raw forecast", () => {
    const [d] = planTick(input(false));
    expect(d.action).toBe("wait");
    expect(d.action !== "infeasible" && d.reason).toMatch(/, forecast 80 g\/kWh vs 100 now; saves ~20%$/);
  });

  it("starts now when the far dip is mostly noise, and says its figures are adjusted", () => {
    const [d] = planTick(input(true));
    expect(d.action).toBe("start_now");
    expect(d.action !== "infeasible" && d.reason).toBe("starting now on s1 (GB): 100 g/kWh is the lowest expected in the window (forecast adjusted for its past error)");
  });

  it("without forecastErrorSd the prior is ignored", () => {
    const [d] = planTick({ ...input(true), config: baseConfig });
    expect(d.action).toBe("wait");
  });

  it("a zone's own measured error wins over the config's", () => {
    const base = input(true);
    const zone = (forecastErrorSd: typeof errors) => [{ ...base.forecasts[0], forecastErrorSd }];
    const accurate = [{ fromLeadMinutes: 0, sdGPerKWh: 1 }];
    expect(planTick({ ...base, config: baseConfig, forecasts: zone(errors) })[0].action).toBe("start_now");
    expect(planTick({ ...base, forecasts: zone(accurate) })[0].action).toBe("wait");
  });
});
