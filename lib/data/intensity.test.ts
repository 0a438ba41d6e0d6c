import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  currentIntensityFor,
  forecastHistory,
  latestGenerationMix,
  markRefreshAttempt,
  markRefreshFailure,
  markRefreshSuccess,
  pruneReadings,
  readActuals,
  readForecast,
  refreshStateOf,
  storeGenerationMix,
  storeReadings,
  unsafeZonesDue,
  unsafeZonesInUse,
  type ReadingInput,
} from "@/lib/data/intensity";
import { seedServer, seedTenant } from "@/lib/testing/factories";

// Readings are shared by zone, so each test uses its own replay zone name.
const zoneName = () => `replay:test-${randomBytes(4).toString("hex")}`;
// Far in the past: the retention test prunes everything before T0 + 31 min, in a database other suites share.
const T0 = new Date("2001-03-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function reading(slot: number, value: number, kind: "forecast" | "actual" = "forecast"): ReadingInput {
  return { start: at(slot * 30), end: at(slot * 30 + 30), gCO2PerKWh: value, kind, index: null, source: "test" };
}

const rowsOf = (zone: string) => db().intensityReading.findMany({ where: { zone }, orderBy: [{ periodStart: "asc" }, { id: "asc" }] });

describe("intensity store", () => {
  it("stores the same readings twice without new rows", async () => {
    const zone = zoneName();
    const batch = [reading(0, 100), reading(1, 110), reading(2, 120)];
    expect(await storeReadings(zone, batch, at(-5))).toEqual({ inserted: 3, superseded: 0, unchanged: 0 });
    expect(await storeReadings(zone, batch, at(25))).toEqual({ inserted: 0, superseded: 0, unchanged: 3 });
    const rows = await rowsOf(zone);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.supersededAt === null && r.fetchedAt.getTime() === at(-5).getTime())).toBe(true);
  });

  it("supersedes a changed forecast and keeps what was forecast before", async () => {
    const zone = zoneName();
    await storeReadings(zone, [reading(0, 100), reading(1, 110)], at(-60));
    expect(await storeReadings(zone, [reading(0, 100), reading(1, 95)], at(-30))).toEqual({ inserted: 1, superseded: 1, unchanged: 1 });
    await storeReadings(zone, [reading(1, 90)], at(-1));
    await storeReadings(zone, [reading(1, 87, "actual")], at(31));

    const history = await forecastHistory(zone, at(30));
    expect(history.forecasts.map((f) => [f.gCO2PerKWh, f.fetchedAt.toISOString(), f.supersededAt?.toISOString() ?? null])).toEqual([
      [110, at(-60).toISOString(), at(-30).toISOString()],
      [95, at(-30).toISOString(), at(-1).toISOString()],
      [90, at(-1).toISOString(), null],
    ]);
    expect(history.actual?.gCO2PerKWh).toBe(87);
    expect((await readForecast(zone, at(0), at(60))).map((r) => r.gCO2PerKWh)).toEqual([100, 87]);
  });

  it("prefers the actual over the forecast for the same period and reads actuals alone", async () => {
    const zone = zoneName();
    await storeReadings(zone, [reading(0, 100), reading(1, 110), reading(2, 120), reading(0, 98, "actual")], at(-5));
    const best = await readForecast(zone, at(0), at(90));
    expect(best.map((r) => [r.gCO2PerKWh, r.kind])).toEqual([[98, "actual"], [110, "forecast"], [120, "forecast"]]);
    expect((await readActuals(zone, at(0), at(90))).map((r) => r.gCO2PerKWh)).toEqual([98]);
    expect(await readForecast(zone, at(30), at(60))).toHaveLength(1);
  });

  it("keeps one current row per period, and every version, when writers race on the same periods", async () => {
    const zone = zoneName();
    const batch = (writer: number, round: number) => {
      const rows = Array.from({ length: 40 }, (_, i) => reading(i, 100 + ((writer + i + round) % 7)));
      return writer % 2 ? rows.reverse() : rows; // opposite orders: no deadlock either way
    };
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, w) => storeReadings(zone, batch(w, round), at(round * 10 + w))));
    }
    const rows = await rowsOf(zone);
    const current = rows.filter((r) => r.supersededAt === null);
    expect(current).toHaveLength(40);
    expect(new Set(current.map((r) => r.periodStart.getTime())).size).toBe(40);
    // Earlier values were superseded, never deleted.
    expect(rows.filter((r) => r.periodStart.getTime() === at(0).getTime()).length).toBeGreaterThan(1);
  });

  it("answers the current period, and marks it stale from the first failure after a success until the next success", async () => {
    const zone = zoneName();
    expect(await currentIntensityFor(zone, at(10))).toEqual({ status: "no_data", zone });
    await storeReadings(zone, [{ ...reading(0, 100), index: "moderate" }, reading(1, 110)], at(-5));
    await markRefreshAttempt(zone, at(-5));
    await markRefreshSuccess(zone, at(-5), at(0));
    expect(await currentIntensityFor(zone, at(10))).toMatchObject({ status: "ok", gCO2PerKWh: 100, index: "moderate", source: "test", stale: false, staleSince: null });

    await markRefreshFailure(zone, at(0), "uk-carbon-intensity: HTTP 503", at(5));
    await markRefreshFailure(zone, at(5), "uk-carbon-intensity: HTTP 503", at(10));
    expect(await refreshStateOf(zone)).toMatchObject({ staleSince: at(0), lastError: "uk-carbon-intensity: HTTP 503", lastSuccessAt: at(-5) });
    expect(await currentIntensityFor(zone, at(40))).toMatchObject({ gCO2PerKWh: 110, stale: true, staleSince: at(0).toISOString() });
    expect(await rowsOf(zone)).toHaveLength(2);

    await markRefreshSuccess(zone, at(41), at(60));
    expect(await currentIntensityFor(zone, at(42))).toMatchObject({ stale: false, staleSince: null });
    // Data that ran out is stale from its end even while refreshes "succeed".
    expect(await currentIntensityFor(zone, at(70))).toMatchObject({ gCO2PerKWh: 110, stale: true, staleSince: at(60).toISOString() });
    // However long ago, the last reading is shown rather than nothing.
    expect(await currentIntensityFor(zone, at(60 * 24 * 30))).toMatchObject({ status: "ok", gCO2PerKWh: 110, stale: true, staleSince: at(60).toISOString() });
  });

  it("prunes readings and mixes whose period ended before the retention horizon", async () => {
    const zone = zoneName();
    await storeReadings(zone, [reading(0, 100), reading(1, 110), reading(2, 120)], at(-5));
    await storeReadings(zone, [reading(0, 105)], at(0));
    await storeGenerationMix(zone, { start: at(0), end: at(30), fuels: [{ fuel: "wind", percent: 40 }] }, "test", at(0));
    await storeGenerationMix(zone, { start: at(60), end: at(90), fuels: [{ fuel: "wind", percent: 50 }] }, "test", at(0));
    const pruned = await pruneReadings(at(31));
    expect(pruned.readings).toBeGreaterThanOrEqual(2);
    expect((await rowsOf(zone)).map((r) => r.gCO2PerKWh)).toEqual([110, 120]);
    expect(await latestGenerationMix(zone, at(100))).toMatchObject({ fuels: [{ fuel: "wind", percent: 50 }] });
    expect(await latestGenerationMix(zone, at(59))).toBeNull();
  });

  it("lists the zones in use across organisations and which are due", async () => {
    const a = await seedTenant("ia");
    const zone = zoneName();
    await seedServer(a.organisationId, { gridZone: zone });
    expect(await unsafeZonesInUse()).toContain(zone);
    expect(await unsafeZonesDue(at(0))).toContain(zone);
    await markRefreshSuccess(zone, at(0), at(30));
    expect(await unsafeZonesDue(at(29))).not.toContain(zone);
    expect(await unsafeZonesDue(at(30))).toContain(zone);
  });
});
