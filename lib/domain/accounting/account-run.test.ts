import { describe, expect, test } from "vitest";
import { accountRun } from "./account-run";
import { teadsFactor } from "./energy";
import { baseInput, readings, sample, SERVER } from "./testing";

describe("teadsFactor (IF-SEMANTICS §3 linear column)", () => {
  test.each([
    [0, 0.12], [5, 0.22], [10, 0.32], [25, 0.48125], [45, 0.69625], [50, 0.75], [75, 0.885], [99.5, 1.0173], [100, 1.02],
  ])("%d%% → %d", (util, factor) => expect(teadsFactor(util)).toBeCloseTo(factor, 12));
});

describe("accountRun", () => {
  test("energy from the curve: TDP × factor × hours, at the run's vCPU share", () => {
    const a = accountRun(baseInput({ coefficients: { maxSampleHoldSeconds: 1800 } }));
    // 30 min at 50 % then 30 min at 25 %, 65 W, all 8 vCPUs.
    expect(a.cpuEnergyKwh).toBeCloseTo((0.75 * 65 * 0.5 + 0.48125 * 65 * 0.5) / 1000, 12);
    expect(a.memoryEnergyKwh).toBeCloseTo(1 * 1 * 0.000392, 12);
    expect(a.networkEnergyKwh).toBe(0);
    expect(a.energyMethod).toBe("teads-curve");
    expect(a.periods.map((p) => p.gCO2PerKWh)).toEqual([100, 200]);
    expect(a.intensityBasis).toBe("actual");
  });

  test("the vCPU share scales CPU energy and embodied carbon", () => {
    const hold = { maxSampleHoldSeconds: 1800 };
    const whole = accountRun(baseInput({ coefficients: hold }));
    const half = accountRun(baseInput({ coefficients: hold, server: { ...SERVER, vcpusAvailable: 4 }, samples: [sample("2026-03-01T10:00:00Z", 25), sample("2026-03-01T10:30:00Z", 12.5)] }));
    // The same absolute CPU use is 50 % / 25 % of 4 vCPUs: the curve sees the same utilisation.
    expect(half.cpuEnergyKwh).toBeCloseTo(whole.cpuEnergyKwh / 2, 12);
    expect(half.embodiedCarbonG).toBeCloseTo(whole.embodiedCarbonG / 2, 9);
  });

  test("embodied carbon is the server's embodied total over its lifespan for the run's time", () => {
    expect(accountRun(baseInput()).embodiedCarbonG).toBeCloseTo(1_700_000 / (4 * 365 * 24), 9);
  });

  test.each([
    ["all actual", "actual", "actual", "actual"],
    ["all forecast", "forecast", "forecast", "forecast"],
    ["one of each", "actual", "forecast", "mixed"],
  ] as const)("intensity basis: %s", (_name, first, second, expected) => {
    const rs = [...readings("2026-03-01T10:00:00Z", [100], first), ...readings("2026-03-01T10:30:00Z", [200], second)];
    expect(accountRun(baseInput({ readings: rs })).intensityBasis).toBe(expected);
  });

  test("an actual reading wins over the forecast of the same period", () => {
    const rs = [...readings("2026-03-01T10:00:00Z", [900, 900], "forecast"), ...readings("2026-03-01T10:00:00Z", [100, 200], "actual")];
    expect(accountRun(baseInput({ readings: rs })).operationalCarbonG).toBeCloseTo(accountRun(baseInput()).operationalCarbonG, 12);
  });

  test("no reading: the fallback intensity, and the basis says so", () => {
    const a = accountRun(baseInput({ readings: [] }));
    expect(a.intensityBasis).toBe("fallback");
    expect(a.periods[0].gCO2PerKWh).toBe(475);
  });

  test("RAPL takes precedence: the run's share of the package power", () => {
    const rapl = { cpuHostPercent: 50, raplPowerWatts: 40 };
    const a = accountRun(baseInput({ samples: [sample("2026-03-01T10:00:00Z", 25, rapl), sample("2026-03-01T10:30:00Z", 25, rapl)] }));
    expect(a.energyMethod).toBe("rapl");
    expect(a.cpuEnergyKwh).toBeCloseTo((40 * 0.5 * 1) / 1000, 12); // half the host CPU → 20 W for 1 h
  });

  test("the RAPL counter gives the average power between samples", () => {
    const s = [
      sample("2026-03-01T10:00:00Z", 50, { cpuHostPercent: 50, raplEnergyUj: 0, raplPowerWatts: 99 }),
      sample("2026-03-01T10:30:00Z", 50, { cpuHostPercent: 50, raplEnergyUj: 30 * 1800 * 1e6, raplPowerWatts: 30 }),
    ];
    expect(accountRun(baseInput({ samples: s })).cpuEnergyKwh).toBeCloseTo(30 / 1000, 12);
  });

  test("GPU power from nvidia-smi adds to energy and to the method", () => {
    const s = [sample("2026-03-01T10:00:00Z", 50, { gpuPowerWatts: 200 }), sample("2026-03-01T10:30:00Z", 50, { gpuPowerWatts: 200 })];
    const a = accountRun(baseInput({ samples: s }));
    expect(a.gpuEnergyKwh).toBeCloseTo(0.2, 12);
    expect(a.energyMethod).toBe("teads-curve+nvidia-smi");
  });

  test("paused time uses nothing", () => {
    const pieces = [{ start: new Date("2026-03-01T10:00:00Z"), end: new Date("2026-03-01T10:15:00Z") }, { start: new Date("2026-03-01T10:45:00Z"), end: null }];
    const a = accountRun(baseInput({ pieces, samples: [sample("2026-03-01T10:00:00Z", 50)], coefficients: { maxSampleHoldSeconds: 7200 } }));
    expect(a.activeSeconds).toBe(1800);
    expect(a.cpuEnergyKwh).toBeCloseTo((0.75 * 65 * 0.5) / 1000, 12);
  });

  test("a gap longer than the hold is filled with the run's mean utilisation", () => {
    const s = [sample("2026-03-01T10:00:00Z", 100), sample("2026-03-01T10:59:00Z", 0)];
    const a = accountRun(baseInput({ samples: s, coefficients: { maxSampleHoldSeconds: 60 } }));
    // 60 s at 100 %, then 57 min at the mean (50 %), then 120 s at 0 % (the hold reaches back too).
    const expected = (65 * (1.02 * 60 + 0.75 * 57 * 60 + 0.12 * 120)) / 3_600_000;
    expect(a.cpuEnergyKwh).toBeCloseTo(expected, 12);
  });

  test("no samples: CCF's 50 % and the server's memory share", () => {
    const a = accountRun(baseInput({ samples: [] }));
    expect(a.cpuEnergyKwh).toBeCloseTo((0.75 * 65) / 1000, 12);
    expect(a.memoryEnergyKwh).toBeCloseTo(16 * 0.000392, 12);
  });

  test("coefficients can be overridden", () => {
    const a = accountRun(baseInput({ networkGb: 2, coefficients: { memoryKwhPerGbHour: 0.001, networkKwhPerGb: 0.5 } }));
    expect(a.memoryEnergyKwh).toBeCloseTo(0.001, 12);
    expect(a.networkEnergyKwh).toBeCloseTo(1, 12);
  });

  test("SCI divides the carbon by the functional units", () => {
    const a = accountRun(baseInput({ functionalUnit: { name: "images", count: 200 } }));
    expect(a.sciG).toBeCloseTo(a.carbonG / 200, 12);
    expect(a.functionalUnit).toBe("images");
  });

  test("saving: the same profile from queuedAt, without pauses; negative when that was greener", () => {
    const greener = accountRun(baseInput());
    expect(greener.savedCarbonG).toBeCloseTo(greener.counterfactualCarbonG - greener.carbonG, 12);
    expect(greener.savedCarbonG).toBeGreaterThan(0);
    const worse = accountRun(baseInput({ counterfactualReadings: readings("2026-03-01T08:00:00Z", [10, 10]) }));
    expect(worse.savedCarbonG).toBeLessThan(0);
  });

  test("a run started when queued saves nothing", () => {
    const a = accountRun(baseInput({ queuedAt: new Date("2026-03-01T10:00:00Z"), counterfactualReadings: readings("2026-03-01T10:00:00Z", [100, 200]) }));
    expect(a.savedCarbonG).toBeCloseTo(0, 12);
  });
});
