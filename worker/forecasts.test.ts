// From stored readings to the planner's decision: the worker measures a zone's forecast error by
// lead from the forecast versions it kept, builds a prior from its actuals, and the planner then
// discounts a far-ahead dip that past forecasts say is mostly noise. Real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { storeReadings, type ReadingInput } from "@/lib/data/intensity";
import { db } from "@/lib/db/client";
import { planTick, type PlannerConfig } from "@/lib/domain/planner";
import { clearForecastUncertaintyCache, loadForecasts } from "@/worker/forecasts";

const HALF_HOUR = 30 * 60_000;
const HOUR = 2 * HALF_HOUR;
const NOW = new Date("2026-03-01T12:10:00Z");
const SLOT_NOW = Math.floor(NOW.getTime() / HALF_HOUR) * HALF_HOUR;

/** The "true" grid: a daily cycle around 200 g/kWh with a day-to-day wobble. */
const truth = (ms: number) => 200 + 60 * Math.sin((2 * Math.PI * ms) / (24 * HOUR)) + 15 * Math.sin(ms / (37 * HOUR));

function period(start: number, gCO2PerKWh: number, kind: "actual" | "forecast"): ReadingInput {
  return { start: new Date(start), end: new Date(start + HALF_HOUR), gCO2PerKWh, kind, source: "test" };
}

/** `days` of actuals up to now, and a 48 h forecast issued every 6 h over the last 16 days whose error grows with lead. */
async function seedZone(zone: string, days: number): Promise<void> {
  const actuals: ReadingInput[] = [];
  for (let t = SLOT_NOW - days * 24 * HOUR; t < SLOT_NOW; t += HALF_HOUR) actuals.push(period(t, truth(t), "actual"));
  await storeReadings(zone, actuals, NOW);
  for (let issued = SLOT_NOW - 16 * 24 * HOUR; issued < SLOT_NOW; issued += 6 * HOUR) {
    const forecast: ReadingInput[] = [];
    for (let t = issued; t < issued + 48 * HOUR; t += HALF_HOUR) {
      const leadHours = (t - issued) / HOUR;
      const sign = Math.floor(t / HALF_HOUR) % 2 ? 1 : -1;
      forecast.push(period(t, truth(t) + sign * (3 + leadHours), "forecast"));
    }
    await storeReadings(zone, forecast, new Date(issued));
  }
}

/** The forecast issued at now: right near by, but with a dip 30 h ahead that is not real. */
async function seedCurrentForecast(zone: string): Promise<void> {
  const forecast: ReadingInput[] = [];
  for (let t = SLOT_NOW; t < SLOT_NOW + 48 * HOUR; t += HALF_HOUR) {
    const dip = t >= SLOT_NOW + 30 * HOUR && t < SLOT_NOW + 32 * HOUR;
    forecast.push(period(t, dip ? 90 : truth(t), "forecast"));
  }
  await storeReadings(zone, forecast, NOW);
}

const config: PlannerConfig = { defaultWindowHours: 48, minSavingPercent: 0, hysteresisPercent: 0, maxPauses: 0, stepMinutes: 30 };

function planOneTask(forecasts: Awaited<ReturnType<typeof loadForecasts>>, zone: string) {
  return planTick({
    now: NOW,
    tasks: [{ id: "t", durationMinutes: 120, deadline: new Date(SLOT_NOW + 40 * HOUR), priority: 1, policy: { kind: "greenest" }, eligibleServerIds: ["s"], interruptible: false, queuedAt: NOW }],
    servers: [{ id: "s", zone, maxConcurrent: 1, powerWatts: 1000, busy: [] }],
    forecasts,
    config,
  })[0];
}

afterEach(() => clearForecastUncertaintyCache());

describe("loadForecasts: forecast uncertainty", () => {
  it("measures the error by lead from stored versions and builds a prior from actuals", async () => {
    const zone = `test-uncertainty-${randomUUID()}`;
    await seedZone(zone, 40);
    await seedCurrentForecast(zone);
    const [f] = await loadForecasts([zone], NOW);

    const sd = f.forecastErrorSd!;
    expect(sd.map((e) => e.fromLeadMinutes)).toEqual([0, 60, 360, 720, 1440]);
    // The version in force at lead L was issued L to L + 6 h ahead: error 3 + that lead in hours.
    expect(sd[0].sdGPerKWh).toBeGreaterThan(3);
    expect(sd[0].sdGPerKWh).toBeLessThan(3 + 7);
    expect(sd[4].sdGPerKWh).toBeGreaterThan(3 + 24);
    expect(sd[4].sdGPerKWh).toBeLessThan(3 + 54);
    for (let i = 1; i < sd.length; i++) expect(sd[i].sdGPerKWh).toBeGreaterThanOrEqual(sd[i - 1].sdGPerKWh);

    // Errors alternate in sign from one period to the next: no AR(1) correlation to speak of.
    expect(f.forecastErrorCorrelation).toBeLessThan(0.2);
    expect(f.priorPersistence).toBeGreaterThan(0);
    expect(f.priorPersistence).toBeLessThan(1);

    const prior = f.prior!;
    expect(prior[0].start.getTime()).toBe(SLOT_NOW);
    expect(prior).toHaveLength(97);
    // Today's anomaly is read off the latest actual, the half hour before now, not off the forecast.
    expect(f.priorAnchoredAt).toEqual(new Date(SLOT_NOW - HALF_HOUR));
    // The prior knows the daily cycle: 30 h ahead it expects about the truth, not the dip.
    const at30h = prior.find((p) => p.start.getTime() === SLOT_NOW + 30 * HOUR)!;
    expect(Math.abs(at30h.gCO2PerKWh - truth(SLOT_NOW + 30 * HOUR))).toBeLessThan(25);
    expect(at30h.sdGPerKWh).toBeGreaterThan(0);
  });

  it("lets the planner wait for today's real trough, not a dip 30 h ahead that past forecasts say is noise", async () => {
    const zone = `test-uncertainty-${randomUUID()}`;
    await seedZone(zone, 40);
    await seedCurrentForecast(zone);
    const forecasts = await loadForecasts([zone], NOW);

    const asGiven = planOneTask(forecasts.map(({ prior: _p, forecastErrorSd: _e, ...rest }) => rest), zone);
    expect(asGiven).toMatchObject({ action: "wait", start: new Date("2026-03-02T18:00:00Z") });

    // The daily cycle bottoms out at 18:00: a 2 h task is greenest from 17:00 or 17:30 today (equal under the truth).
    const weighed = planOneTask(forecasts, zone);
    expect(weighed.action).toBe("wait");
    expect(weighed.action !== "infeasible" && weighed.start.toISOString()).toMatch(/^2026-03-01T17:(00|30):00.000Z$/);
    expect(weighed.action !== "infeasible" && weighed.reason).toMatch(/^waiting for 17:(00|30) UTC on s \(test-uncertainty-.*\), expected \d+ g\/kWh vs \d+ now; saves ~\d+% \(forecast adjusted for its past error\)$/);
  });

  it("anchors the prior on the freshest actual, even one stored after the actuals were cached", async () => {
    const zone = `test-uncertainty-${randomUUID()}`;
    await seedZone(zone, 40);
    await seedCurrentForecast(zone);
    // Actuals of the last three hours are not published yet: the current forecast anchors the prior.
    const late = (from: number, to: number) => Array.from({ length: (to - from) / HALF_HOUR }, (_, i) => from + i * HALF_HOUR);
    await db().intensityReading.deleteMany({ where: { zone, kind: "actual", periodStart: { gte: new Date(SLOT_NOW - 3 * HOUR) } } });
    const [before] = await loadForecasts([zone], NOW);
    expect(before.priorAnchoredAt).toEqual(new Date(SLOT_NOW));

    // Published a minute later: this tick's readings carry it though the cached actuals are older.
    await storeReadings(zone, late(SLOT_NOW - HOUR, SLOT_NOW).map((t) => period(t, truth(t), "actual")), NOW);
    const [after] = await loadForecasts([zone], NOW);
    expect(after.priorAnchoredAt).toEqual(new Date(SLOT_NOW - HALF_HOUR));
    // Anchored on the forecast, the prior takes now as known; anchored on an actual, now is uncertain too.
    expect(before.prior![0].sdGPerKWh).toBe(0);
    expect(after.prior![0].sdGPerKWh).toBeGreaterThan(0);
  });

  it("plans on forecasts as given while a zone has too little history", async () => {
    const zone = `test-uncertainty-${randomUUID()}`;
    await seedZone(zone, 10);
    await seedCurrentForecast(zone);
    const [f] = await loadForecasts([zone], NOW);
    expect(f.prior).toBeUndefined();
    expect(f.readings.length).toBeGreaterThan(90);
  });

  it("falls back to forecasts as given, with a log line, when measuring fails", async () => {
    const zone = `test-uncertainty-${randomUUID()}`;
    await seedCurrentForecast(zone);
    const lines: string[] = [];
    const measure = async () => {
      throw new Error("connection reset");
    };
    const [f] = await loadForecasts([zone], NOW, { log: (l) => lines.push(l), measure });
    expect(f.readings.length).toBeGreaterThan(90);
    expect(f.prior).toBeUndefined();
    expect(lines).toEqual([`forecast uncertainty for zone ${zone} unavailable, planning on forecasts as given: connection reset`]);
  });
});
