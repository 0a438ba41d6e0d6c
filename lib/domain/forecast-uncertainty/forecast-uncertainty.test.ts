import { describe, expect, it } from "vitest";
import { anomalyAutocorrelation, AUTOCORRELATION_LAGS, climatology, priorAt } from "./climatology";
import { errorSamples, forecastErrorByLead, forecastErrorCorrelation, MIN_PERIODS_PER_BUCKET } from "./error-by-lead";
import { type CurrentValue, priorHistoryStart, zonePrior, type TimedValue } from "./zone-prior";

const SLOT_MS = 30 * 60_000;
const DAY = 48;

/** Deterministic PRNG (mulberry32) and a standard normal from it. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const diurnal = (slot: number) => 200 + 60 * Math.sin((2 * Math.PI * (slot % DAY)) / DAY);

/** Diurnal shape plus an AR(1) anomaly with persistence `a` per half hour and stationary sd `sd`. */
function series(days: number, a: number, sd: number, seed = 7): Float64Array {
  const normal = normals(seed);
  const out = new Float64Array(days * DAY);
  let anomaly = 0;
  for (let k = 0; k < out.length; k++) {
    anomaly = a * anomaly + Math.sqrt(1 - a * a) * sd * normal();
    out[k] = diurnal(k) + anomaly;
  }
  return out;
}

describe("climatology", () => {
  const values = series(80, 0.98, 20);
  const c = climatology(values);

  it("has no figure until a week of the same half hour is known", () => {
    expect(Number.isNaN(c.mean[(3 + 6) * DAY - 1])).toBe(true);
    expect(Number.isFinite(c.mean[(3 + 6) * DAY])).toBe(true);
  });

  it("recovers the time-of-day shape, the spread around it and the anomaly's persistence", () => {
    const t = 70 * DAY;
    for (let k = t; k < t + DAY; k += 6) expect(c.mean[k]).toBeCloseTo(diurnal(k), -1.5);
    expect(c.sd[t]).toBeGreaterThan(12);
    expect(c.sd[t]).toBeLessThan(30);
    expect(c.persistence[t]).toBeGreaterThan(0.95);
    expect(c.persistence[t]).toBeLessThan(0.995);
  });

  it("skips unknown half hours instead of counting them", () => {
    const gappy = Float64Array.from(values, (v, k) => (k % 5 === 0 ? NaN : v));
    const g = climatology(gappy);
    const t = 70 * DAY;
    expect(g.mean[t]).toBeCloseTo(c.mean[t], -1);
    expect(Number.isFinite(g.sd[t])).toBe(true);
    expect(Number.isFinite(g.persistence[t])).toBe(true);
  });

  it("measures the anomaly's autocorrelation by lag: an AR(1)'s a^lag, and a daily echo an AR(1) cannot show", () => {
    const t = 70 * DAY;
    const ar1 = anomalyAutocorrelation(values, c.mean, t)!;
    expect(ar1).toHaveLength(AUTOCORRELATION_LAGS);
    expect(ar1[0]).toBe(1);
    for (const lag of [1, 4, 12]) expect(ar1[lag]).toBeCloseTo(0.98 ** lag, 1);
    // An anomaly that fades within hours but repeats each day (a daily shape unlike the climatology's).
    const normal = normals(3);
    const echo = Float64Array.from({ length: 80 * DAY }, (_, k) => diurnal(k) + 25 * Math.sin((2 * Math.PI * k) / DAY) * (Math.floor(k / (7 * DAY)) % 2 ? 1 : -1) + 5 * normal());
    const e = anomalyAutocorrelation(echo, climatology(echo).mean, t)!;
    expect(e[24]).toBeLessThan(0);
    expect(e[48]).toBeGreaterThan(0.4);
    // The estimate is undefined until a week of anomalies is known.
    expect(anomalyAutocorrelation(values, c.mean, (3 + 6 + 6) * DAY)).toBeUndefined();
  });

  it("reads the prior off the measured autocorrelation when given", () => {
    const t = 70 * DAY;
    const acf = Float64Array.from({ length: 10 }, (_, lag) => 1 - lag / 10);
    const prior = priorAt(c, t, t + 12, c.mean[t] + 40, acf);
    expect(prior[5]!.mean).toBeCloseTo(c.mean[t + 5] + 40 * 0.5, 9);
    expect(prior[5]!.sd).toBeCloseTo(c.sd[t + 5] * Math.sqrt(1 - 0.25), 9);
    // Beyond the measured lags, the persistence per half hour.
    expect(prior[11]!.mean).toBeCloseTo(c.mean[t + 11] + 40 * c.persistence[t] ** 11, 9);
  });

  it("reads the prior from today's anomaly: exact now, back to the climatology with lead", () => {
    const t = 70 * DAY;
    const prior = priorAt(c, t, t + 96, c.mean[t] + 40);
    expect(prior[0]!.mean).toBeCloseTo(c.mean[t] + 40, 9);
    expect(prior[0]!.sd).toBe(0);
    const far = prior[95]!;
    expect(Math.abs(far.mean - c.mean[t + 95])).toBeLessThan(40);
    expect(far.sd).toBeGreaterThan(prior[1]!.sd);
    expect(far.sd).toBeLessThanOrEqual(c.sd[t + 95]);
  });
});

/** Past values followed by `slots` unknown half hours: what the worker knows at the current half hour. */
const withHorizon = (past: Float64Array, slots: number) => Float64Array.from({ length: past.length + slots }, (_, k) => (k < past.length ? past[k] : NaN));

describe("zonePrior", () => {
  const origin = Date.UTC(2026, 0, 1);
  const values = series(80, 0.98, 20, 11);
  const actualsBefore = (nowMs: number): TimedValue[] =>
    Array.from(values)
      .map((v, k) => ({ start: new Date(origin + k * SLOT_MS), end: new Date(origin + (k + 1) * SLOT_MS), gCO2PerKWh: v }))
      .filter((a) => a.end.getTime() <= nowMs);

  it("is the benchmark's climatology read at the latest actual, whatever the array's origin", () => {
    const t = 75 * DAY + 17;
    const now = new Date(origin + t * SLOT_MS + 7 * 60_000);
    const forecastNow = { gCO2PerKWh: values[t] + 3, kind: "forecast" as const };
    const { prior, persistence, autocorrelation, anchoredAt } = zonePrior(actualsBefore(origin + t * SLOT_MS), now, new Date(now.getTime() + 48 * 3_600_000), forecastNow);
    // Now is 7 minutes into its half hour, so 48 h ahead reaches into a 97th half hour; the anomaly is
    // read off the half hour before, whose actual is known (the forecast for now is not exact).
    const known = withHorizon(values.subarray(0, t), 97);
    const climate = climatology(known);
    const acf = anomalyAutocorrelation(known, climate.mean, t - 1)!;
    const reference = priorAt(climate, t - 1, t + 97, values[t - 1], acf).slice(1);
    // The benchmark computes one climatology over the whole year, future included: it never reads it.
    const wholeYear = climatology(values);
    const wholeSeries = priorAt(wholeYear, t - 1, t + 97, values[t - 1], anomalyAutocorrelation(values, wholeYear.mean, t - 1)).slice(1);
    expect(prior).toHaveLength(97);
    expect(wholeSeries).toEqual(reference);
    expect(prior[0].start.getTime()).toBe(origin + t * SLOT_MS);
    expect(anchoredAt?.getTime()).toBe(origin + (t - 1) * SLOT_MS);
    prior.forEach((p, i) => {
      expect(p.gCO2PerKWh).toBeCloseTo(reference[i]!.mean, 9);
      expect(p.sdGPerKWh).toBeCloseTo(reference[i]!.sd, 9);
      expect(p.climatologySdGPerKWh).toBeCloseTo(reference[i]!.climatologySd, 9);
    });
    expect(persistence).toBe(climatology(values).persistence[t - 1]);
    expect(autocorrelation).toEqual(Array.from(acf));
  });

  it("is anchored on the current half hour's actual when one is published, else on the freshest actual of the last two hours, else on the forecast", () => {
    const t = 75 * DAY + 17;
    const now = new Date(origin + t * SLOT_MS);
    const horizon = new Date(now.getTime() + 6 * 3_600_000);
    const known = withHorizon(values.subarray(0, t), 12);
    const climate = climatology(known);
    const anchored = (upTo: number, current: CurrentValue) => zonePrior(actualsBefore(origin + upTo * SLOT_MS), now, horizon, current);
    const meansFrom = (slot: number, value: number) =>
      priorAt(climate, slot, t + 12, value, anomalyAutocorrelation(known, climate.mean, slot))
        .slice(t - slot)
        .map((p) => p!.mean);

    const published = anchored(t, { gCO2PerKWh: 250, kind: "actual" });
    expect(published.anchoredAt?.getTime()).toBe(now.getTime());
    published.prior.forEach((p, i) => expect(p.gCO2PerKWh).toBeCloseTo(meansFrom(t, 250)[i], 9));

    // The UK API publishes a period's actual one to three half hours after it ends: four back is still used.
    const fourBack = anchored(t - 3, { gCO2PerKWh: 250, kind: "forecast" });
    expect(fourBack.anchoredAt?.getTime()).toBe(origin + (t - 4) * SLOT_MS);
    fourBack.prior.forEach((p, i) => expect(p.gCO2PerKWh).toBeCloseTo(meansFrom(t - 4, values[t - 4])[i], 9));
    expect(fourBack.prior[0].sdGPerKWh).toBeGreaterThan(0);

    const stale = anchored(t - 4, { gCO2PerKWh: 250, kind: "forecast" });
    expect(stale.anchoredAt?.getTime()).toBe(now.getTime());
    stale.prior.forEach((p, i) => expect(p.gCO2PerKWh).toBeCloseTo(meansFrom(t, 250)[i], 9));
    expect(stale.prior[0].sdGPerKWh).toBe(0);
  });

  it("spreads an hourly reading over both of its half hours", () => {
    const t = 75 * DAY;
    const hourly: TimedValue[] = [];
    for (let k = 0; k < t; k += 2) hourly.push({ start: new Date(origin + k * SLOT_MS), end: new Date(origin + (k + 2) * SLOT_MS), gCO2PerKWh: values[k] });
    const now = new Date(origin + t * SLOT_MS);
    const { prior } = zonePrior(hourly, now, new Date(now.getTime() + 6 * 3_600_000), { gCO2PerKWh: values[t], kind: "forecast" });
    expect(prior).toHaveLength(12);
    const halfHourly = Float64Array.from({ length: t }, (_, k) => values[k - (k % 2)]);
    const known = withHorizon(halfHourly, 12);
    const climate = climatology(known);
    const reference = priorAt(climate, t - 1, t + 12, halfHourly[t - 1], anomalyAutocorrelation(known, climate.mean, t - 1)).slice(1);
    prior.forEach((p, i) => expect(p.gCO2PerKWh).toBeCloseTo(reference[i]!.mean, 9));
  });

  it("is empty without enough history, or with neither a value for now nor a recent actual", () => {
    const now = new Date(origin + 12 * DAY * SLOT_MS);
    expect(zonePrior(actualsBefore(now.getTime()), now, new Date(now.getTime() + 3_600_000), { gCO2PerKWh: 200, kind: "forecast" })).toEqual({ prior: [] });
    const later = new Date(origin + 75 * DAY * SLOT_MS);
    const twoAndAHalfHoursBefore = later.getTime() - 5 * SLOT_MS;
    expect(zonePrior(actualsBefore(twoAndAHalfHoursBefore), later, new Date(later.getTime() + 3_600_000), undefined)).toEqual({ prior: [] });
    expect(zonePrior(actualsBefore(later.getTime()), later, new Date(later.getTime() + 3_600_000), undefined).prior).toHaveLength(2);
  });

  it("needs actuals from a UTC midnight 62 days back", () => {
    expect(priorHistoryStart(new Date("2026-03-15T13:47:00Z")).toISOString()).toBe("2026-01-12T00:00:00.000Z");
  });
});

describe("forecastErrorByLead", () => {
  /** One look per period, periods a half hour apart. */
  const samples = (leadMinutes: number, errors: number[]) => errors.map((error, i) => ({ leadMinutes, error, periodStartMs: i * 1_800_000 }));
  const many = (leadMinutes: number, error: number) => samples(leadMinutes, Array.from({ length: MIN_PERIODS_PER_BUCKET }, (_, i) => (i % 2 ? error : -error)));

  it("gives the root-mean-square error of each lead bucket", () => {
    const out = forecastErrorByLead([...many(10, 8), ...many(120, 12), ...many(400, 15), ...many(800, 19), ...many(2000, 20)]);
    expect(out).toEqual([
      { fromLeadMinutes: 0, sdGPerKWh: 8 },
      { fromLeadMinutes: 60, sdGPerKWh: 12 },
      { fromLeadMinutes: 360, sdGPerKWh: 15 },
      { fromLeadMinutes: 720, sdGPerKWh: 19 },
      { fromLeadMinutes: 1440, sdGPerKWh: 20 },
    ]);
  });

  it("counts a steady bias as error", () => {
    const out = forecastErrorByLead(samples(0, Array.from({ length: 60 }, () => 5)));
    expect(out).toEqual([{ fromLeadMinutes: 0, sdGPerKWh: 5 }]);
  });

  it("never lets a farther lead look more accurate than a nearer one", () => {
    const out = forecastErrorByLead([...many(0, 10), ...many(120, 6)]);
    expect(out).toEqual([
      { fromLeadMinutes: 0, sdGPerKWh: 10 },
      { fromLeadMinutes: 60, sdGPerKWh: 10 },
    ]);
  });

  it("leaves out buckets with less than a day of distinct periods, and says nothing with none", () => {
    expect(forecastErrorByLead([...many(0, 8), ...samples(800, [30, 30])])).toEqual([{ fromLeadMinutes: 0, sdGPerKWh: 8 }]);
    expect(forecastErrorByLead(samples(0, [1, 2, 3]))).toBeUndefined();
    expect(forecastErrorByLead([])).toBeUndefined();
  });

  it("needs distinct periods, not many looks at a few", () => {
    const fewPeriods = Array.from({ length: 200 }, (_, i) => ({ leadMinutes: 400, error: 30, periodStartMs: (i % 4) * 1_800_000 }));
    expect(forecastErrorByLead([...many(0, 8), ...fewPeriods])).toEqual([{ fromLeadMinutes: 0, sdGPerKWh: 8 }]);
  });

  it("treats a forecast fetched after its period began as lead 0, and ignores non-numbers", () => {
    const out = forecastErrorByLead([...samples(-20, Array.from({ length: 48 }, () => 4)), { leadMinutes: 0, error: NaN, periodStartMs: 0 }]);
    expect(out).toEqual([{ fromLeadMinutes: 0, sdGPerKWh: 4 }]);
  });
});

describe("errorSamples", () => {
  const start = new Date("2026-03-10T12:00:00Z");
  const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);

  it("counts a version at every half hour it was in force, not only when it was fetched", () => {
    const versions = [
      { start, gCO2PerKWh: 150, fetchedAt: hoursBefore(30), supersededAt: hoursBefore(5) },
      { start, gCO2PerKWh: 110, fetchedAt: hoursBefore(5), supersededAt: null },
    ];
    const samples = errorSamples(versions, [{ start, gCO2PerKWh: 100 }]);
    const at = (lead: number) => samples.find((s) => s.leadMinutes === lead)?.error;
    expect(at(-15)).toBe(10);
    expect(at(15)).toBe(10);
    expect(at(285)).toBe(10);
    expect(at(315)).toBe(50);
    expect(at(30 * 60 - 15)).toBe(50);
    expect(at(30 * 60 + 15)).toBeUndefined();
    expect(samples).toHaveLength(61);
  });

  it("skips a stored forecast that is not a number", () => {
    const versions = [{ start, gCO2PerKWh: NaN, fetchedAt: hoursBefore(3), supersededAt: null }];
    expect(errorSamples(versions, [{ start, gCO2PerKWh: 100 }])).toEqual([]);
  });

  it("needs an actual for the period", () => {
    const versions = [{ start, gCO2PerKWh: 150, fetchedAt: hoursBefore(3), supersededAt: null }];
    expect(errorSamples(versions, [])).toEqual([]);
    expect(errorSamples(versions, [{ start: hoursBefore(1), gCO2PerKWh: 100 }])).toEqual([]);
  });
});

describe("forecastErrorCorrelation", () => {
  const H = 1_800_000;
  /** 20 days of looks every half hour, each a 48 h forecast whose errors are an AR(1) with coefficient `rho` across periods. */
  function looks(rho: number, seed: number) {
    const normal = normals(seed);
    const samples: { leadMinutes: number; error: number; periodStartMs: number; lookAtMs: number }[] = [];
    for (let look = 0; look < 20 * 48; look++) {
      let e = normal() * 10;
      for (let lead = 0; lead < 96; lead++) {
        if (lead > 0) e = rho * e + Math.sqrt(1 - rho * rho) * 10 * normal();
        samples.push({ leadMinutes: lead * 30, error: e, periodStartMs: (look + lead) * H, lookAtMs: look * H });
      }
    }
    return samples;
  }
  const sd = [{ fromLeadMinutes: 0, sdGPerKWh: 10 }];

  it.each([0.5, 0.8, 0.9])("recovers an AR(1) coefficient of %s", (rho) => {
    expect(forecastErrorCorrelation(looks(rho, 3), sd)).toBeCloseTo(rho, 1);
  });

  it("needs about a day of forecasts", () => {
    expect(forecastErrorCorrelation(looks(0.8, 3).slice(0, 500), sd)).toBeUndefined();
  });

  it("reads the looks errorSamples rebuilds from stored versions", () => {
    const start = new Date("2026-03-10T12:00:00Z");
    const versions = [{ start, gCO2PerKWh: 150, fetchedAt: new Date(start.getTime() - 3 * 3_600_000), supersededAt: null }];
    const [sample] = errorSamples(versions, [{ start, gCO2PerKWh: 100 }]);
    expect(sample.lookAtMs).toBe(start.getTime() + 15 * 60_000);
  });
});
