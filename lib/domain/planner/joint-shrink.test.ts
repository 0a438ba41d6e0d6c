import { describe, expect, it } from "vitest";
import { cholesky, type JointShape, jointShrink, solve } from "./joint-shrink";
import { planTick } from "./plan-tick";
import { shrinkForecast } from "./shrink-forecast";
import { at, baseConfig, halfHourly, server, T0, task } from "./test-helpers";
import type { ForecastErrorAtLead, IntensityPrior, ZoneForecast } from "./types";

const flatError = (sd: number): ForecastErrorAtLead[] => [{ fromLeadMinutes: 0, sdGPerKWh: sd }];

/** A flat climatology `g` with sd `s`, anomaly now 0, persistence `a`: the prior as the worker builds it. */
function prior(g: number, s: number, a: number, slots: number): IntensityPrior[] {
  return Array.from({ length: slots }, (_, k) => ({ start: at(k), end: at(k + 1), gCO2PerKWh: g, sdGPerKWh: s * Math.sqrt(1 - a ** (2 * k)), climatologySdGPerKWh: s }));
}

function zone(values: number[], p: IntensityPrior[], rho?: number, a?: number): ZoneForecast {
  return { zone: "GB", readings: halfHourly(values), prior: p, forecastErrorCorrelation: rho, priorPersistence: a };
}

describe("cholesky and solve", () => {
  it("solve a small symmetric positive-definite system", () => {
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const x = solve(cholesky(a, 3)!, 3, [1, 2, 3]);
    for (let i = 0; i < 3; i++) expect(a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]).toBeCloseTo(i + 1, 12);
  });

  it("refuse a matrix that is not positive definite", () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBeUndefined();
  });
});

describe("jointShrink", () => {
  const values = Array.from({ length: 96 }, (_, k) => 120 + 30 * Math.sin(k / 7));

  it("is the per-reading shrinkage when neither the prior's anomaly nor the errors persist", () => {
    const p = prior(100, 20, 0, 96);
    const joint = shrinkForecast(zone(values, p, 0, 0), flatError(15), T0)!.readings.map((r) => r.gCO2PerKWh);
    const perReading = shrinkForecast(zone(values, p), flatError(15), T0)!.readings.map((r) => r.gCO2PerKWh);
    joint.forEach((v, k) => expect(v).toBeCloseTo(perReading[k], 9));
  });

  // Two readings 1 and 2 half hours ahead: prior mean 100, climatology sd 20; forecasts 130 and 90 with
  // nested error sd 10 and 15 correlated ρ = 0.6. The anomaly is known `lag` half hours before now and
  // fades by r(lag) (a^lag for an AR(1), a = 0.8): the posterior mean in closed form.
  const [a, s, rho] = [0.8, 20, 0.6];
  const closedForm = (r: (lag: number) => number, lag: number): [number, number] => {
    const [o1, o2] = [1 + lag, 2 + lag];
    const p11 = s * s * (1 - r(o1) ** 2);
    const p22 = s * s * (1 - r(o2) ** 2);
    const p12 = s * s * (r(1) - r(o1) * r(o2));
    const [m11, m12, m22] = [p11 + 100, p12 + 100 * rho, p22 + 225];
    const det = m11 * m22 - m12 * m12;
    const w1 = (m22 * 30 - m12 * -10) / det;
    const w2 = (-m12 * 30 + m11 * -10) / det;
    return [100 + p11 * w1 + p12 * w2, 100 + p12 * w1 + p22 * w2];
  };
  const twoReadings = (lag: number, shape: Omit<JointShape, "rho" | "persistence">, r: (lag: number) => number = (l) => a ** l) => {
    const p: IntensityPrior[] = [0, 1, 2].map((k) => ({ start: at(k), end: at(k + 1), gCO2PerKWh: 100, sdGPerKWh: s * Math.sqrt(1 - r(k + lag) ** 2), climatologySdGPerKWh: s }));
    const errors: ForecastErrorAtLead[] = [{ fromLeadMinutes: 0, sdGPerKWh: 10 }, { fromLeadMinutes: 60, sdGPerKWh: 15 }];
    const covering = (ms: number) => p.find((x) => x.start.getTime() <= ms && ms < x.end.getTime());
    return jointShrink(halfHourly([0, 130, 90]).slice(1), p, errors, { rho, persistence: a, ...shape }, T0, covering)!.map((x) => x.gCO2PerKWh);
  };
  const [r1, r2, r3, r4] = [0.5, 0.45, 0.3, 0.35];
  const measured = (lag: number) => [1, r1, r2, r3, r4][lag];

  it.each([
    { case: "the AR(1) anomaly known now", lag: 0, shape: {}, r: (l: number) => a ** l },
    { case: "an anchor two half hours before now (offsets 3 and 4)", lag: 2, shape: { anchoredAt: at(-2) }, r: (l: number) => a ** l },
    { case: "an anchor after the prior's start (ignored)", lag: 0, shape: { anchoredAt: at(5) }, r: (l: number) => a ** l },
    { case: "the AR(1)'s own autocorrelation", lag: 0, shape: { autocorrelation: [1, a, a * a] }, r: (l: number) => a ** l },
    { case: "a table too short (a^lag beyond it)", lag: 0, shape: { autocorrelation: [1, a] }, r: (l: number) => a ** l },
    { case: "a measured autocorrelation r(1), r(2) in place of a, a²", lag: 0, shape: { autocorrelation: [1, r1, r2] }, r: measured },
    { case: "a measured autocorrelation from an anchor before now", lag: 2, shape: { autocorrelation: [1, r1, r2, r3, r4], anchoredAt: at(-2) }, r: measured },
  ])("matches the 2×2 closed form: $case", ({ lag, shape, r }) => {
    const [x1, x2] = twoReadings(lag, shape, r);
    const [c1, c2] = closedForm(r, lag);
    expect(x1).toBeCloseTo(c1, 9);
    expect(x2).toBeCloseTo(c2, 9);
  });

  it("takes the current forecast as one more noisy reading once the anchor is an actual before it", () => {
    const p = prior(100, 20, 0.9, 10).map((x, k) => ({ ...x, sdGPerKWh: 20 * Math.sqrt(1 - 0.9 ** (2 * (k + 1))) }));
    const covering = (ms: number) => p.find((x) => x.start.getTime() <= ms && ms < x.end.getTime());
    const out = jointShrink(halfHourly([130, 130, 130]), p, flatError(10), { rho: 0.8, persistence: 0.9, anchoredAt: at(-1) }, T0, covering)!;
    expect(out[0].gCO2PerKWh).toBeGreaterThan(100);
    expect(out[0].gCO2PerKWh).toBeLessThan(130);
  });

  it("keeps actuals and readings without a prior, and the forecast now (without an anchor before it, the prior knows now exactly)", () => {
    const p = prior(100, 20, 0.9, 10);
    const readings = [...halfHourly([130, 130, 130, 130, 130]), ...halfHourly([90], at(20).getTime())];
    readings[1] = { ...readings[1], kind: "actual" };
    const out = jointShrink(readings, p, flatError(10), { rho: 0.8, persistence: 0.9 }, T0, (ms) => p.find((x) => x.start.getTime() <= ms && ms < x.end.getTime()));
    expect(out).toBeDefined();
    expect(out![1]).toBe(readings[1]);
    expect(out![5]).toBe(readings[5]);
    expect(out![0].gCO2PerKWh).toBeCloseTo(100, 6);
    expect(out![4].gCO2PerKWh).toBeGreaterThan(100);
    expect(out![4].gCO2PerKWh).toBeLessThan(130);
  });

  it("declines, and the caller shrinks per reading, without what it needs", () => {
    const noClimatologySd = prior(100, 20, 0.9, 96).map(({ climatologySdGPerKWh: _s, ...rest }) => rest);
    const covering = (p: IntensityPrior[]) => (ms: number) => p.find((x) => x.start.getTime() <= ms && ms < x.end.getTime());
    expect(jointShrink(halfHourly(values), noClimatologySd, flatError(10), { rho: 0.8, persistence: 0.9 }, T0, covering(noClimatologySd))).toBeUndefined();
    const p = prior(100, 20, 0.9, 96);
    expect(jointShrink(halfHourly(values), p, flatError(10), { rho: 1, persistence: 0.9 }, T0, covering(p))).toBeUndefined();
    const fiveMinutely = prior(100, 20, 0.9, 96);
    const many = Array.from({ length: 240 }, (_, i) => ({ start: new Date(T0 + i * 300_000), end: new Date(T0 + (i + 1) * 300_000), gCO2PerKWh: 100, kind: "forecast" as const }));
    expect(jointShrink(many, fiveMinutely, flatError(10), { rho: 0.8, persistence: 0.9 }, T0, covering(fiveMinutely))).toBeUndefined();
    // shrinkForecast still shrinks those per reading.
    expect(shrinkForecast({ zone: "GB", readings: many, prior: fiveMinutely, forecastErrorCorrelation: 0.8, priorPersistence: 0.9 }, flatError(10), T0)!.readings).toHaveLength(240);
  });

  it("is what planTick plans on", () => {
    const dip = Array.from({ length: 48 }, (_, i) => (i >= 30 && i < 36 ? 90 : 120));
    const z: ZoneForecast = { ...zone(dip, prior(115, 15, 0.95, 48), 0.9, 0.95), forecastErrorSd: [{ fromLeadMinutes: 0, sdGPerKWh: 5 }, { fromLeadMinutes: 720, sdGPerKWh: 30 }] };
    const shrunk = shrinkForecast(z, z.forecastErrorSd, T0)!;
    expect(shrunk.readings.some((r, i) => Math.abs(r.gCO2PerKWh - dip[i]) > 1)).toBe(true);
    const input = (f: ZoneForecast) => ({ now: new Date(T0), tasks: [task("t", { deadline: at(48) })], servers: [server("s1")], forecasts: [f], config: baseConfig });
    const [joint] = planTick(input(z));
    const [asIfPublished] = planTick(input({ zone: "GB", readings: shrunk.readings }));
    expect(joint.action !== "infeasible" && joint.start).toEqual(asIfPublished.action !== "infeasible" && asIfPublished.start);
    expect(joint.action !== "infeasible" && joint.expectedCarbonG).toBeCloseTo(asIfPublished.action !== "infeasible" ? asIfPublished.expectedCarbonG : NaN, 9);
  });
});
