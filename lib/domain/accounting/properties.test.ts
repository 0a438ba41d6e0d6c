// Property tests: monotone in intensity and utilisation, additive over periods.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { runManifest } from "@/lib/impact";
import { accountRun } from "./account-run";
import { buildRunManifest } from "./manifest";
import { baseInput, readings, sample } from "./testing";

const START = Date.parse("2026-03-01T10:00:00Z");
const iso = (offsetS: number) => new Date(START + offsetS * 1000).toISOString();
const utilisations = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 });
const intensities = fc.array(fc.double({ min: 0, max: 800, noNaN: true }), { minLength: 3, maxLength: 3 });

const inputWith = (utils: number[], values: number[], durationS = 5400) =>
  baseInput({
    finishedAt: new Date(START + durationS * 1000),
    samples: utils.map((u, i) => sample(iso((i * durationS) / utils.length), u)),
    readings: readings("2026-03-01T10:00:00Z", values),
  });

describe("accounting properties", () => {
  test("carbon does not decrease when any period's intensity rises", () => {
    fc.assert(
      fc.property(utilisations, intensities, fc.nat(2), fc.double({ min: 0, max: 500, noNaN: true }), (utils, values, k, bump) => {
        const higher = values.map((v, i) => (i === k ? v + bump : v));
        expect(accountRun(inputWith(utils, higher)).carbonG).toBeGreaterThanOrEqual(accountRun(inputWith(utils, values)).carbonG - 1e-9);
      }),
    );
  });

  test("energy and carbon do not decrease when utilisation rises", () => {
    fc.assert(
      fc.property(utilisations, intensities, fc.double({ min: 0, max: 50, noNaN: true }), (utils, values, bump) => {
        const busier = utils.map((u) => Math.min(100, u + bump));
        const [a, b] = [accountRun(inputWith(utils, values)), accountRun(inputWith(busier, values))];
        expect(b.energyKwh).toBeGreaterThanOrEqual(a.energyKwh - 1e-12);
        expect(b.carbonG).toBeGreaterThanOrEqual(a.carbonG - 1e-9);
      }),
    );
  });

  test("totals are the sums of the periods (additive)", () => {
    fc.assert(
      fc.property(utilisations, intensities, fc.integer({ min: 60, max: 5400 }), (utils, values, durationS) => {
        const a = accountRun(inputWith(utils, values, durationS));
        const sum = (k: "energyKwh" | "operationalCarbonG" | "embodiedCarbonG") => a.periods.reduce((t, p) => t + p[k], 0);
        expect(sum("energyKwh")).toBeCloseTo(a.energyKwh, 12);
        expect(sum("operationalCarbonG")).toBeCloseTo(a.operationalCarbonG, 9);
        expect(sum("embodiedCarbonG")).toBeCloseTo(a.embodiedCarbonG, 9);
        expect(a.periods.reduce((t, p) => t + p.activeSeconds, 0)).toBe(durationS);
      }),
    );
  });

  test("splitting a run in two pieces at any second adds up to the whole", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), intensities, fc.integer({ min: 1, max: 5399 }), (u, values, cut) => {
        const one = (from: number, to: number) =>
          accountRun({ ...inputWith([u], values), startedAt: new Date(START + from * 1000), finishedAt: new Date(START + to * 1000), samples: [sample(iso(0), u)], coefficients: { maxSampleHoldSeconds: 1e6 } });
        const whole = one(0, 5400);
        const parts = [one(0, cut), one(cut, 5400)];
        expect(parts[0].energyKwh + parts[1].energyKwh).toBeCloseTo(whole.energyKwh, 12);
        expect(parts[0].operationalCarbonG + parts[1].operationalCarbonG).toBeCloseTo(whole.operationalCarbonG, 9);
      }),
    );
  });

  test("the exported manifest recomputes every figure to 1e-9", () => {
    fc.assert(
      fc.property(utilisations, intensities, fc.integer({ min: 1, max: 5400 }), fc.integer({ min: 1, max: 1000 }), (utils, values, durationS, units) => {
        const input = { ...inputWith(utils, values, durationS), functionalUnit: { name: "requests", count: units }, networkGb: 0.5 };
        const a = accountRun(input);
        const out = runManifest(buildRunManifest(input, { runId: "r", taskName: "t", serverName: "s", zone: "z" })).tree.children!;
        const run = out.run.aggregated!;
        const expectClose = (x: unknown, y: number) => expect(Math.abs((x as number) - y)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(y)));
        expectClose(run["cpu/energy"], a.cpuEnergyKwh);
        expectClose(run["memory/energy"], a.memoryEnergyKwh);
        expectClose(run["network/energy"], a.networkEnergyKwh);
        expectClose(run.energy, a.energyKwh);
        expectClose(run["carbon-operational"], a.operationalCarbonG);
        expectClose(run["embodied-carbon"], a.embodiedCarbonG);
        expectClose(run.carbon, a.carbonG);
        expectClose(run.sci, a.sciG);
        expectClose(out.counterfactual.aggregated!.carbon, a.counterfactualCarbonG);
      }),
      { numRuns: 50 },
    );
  });
});
