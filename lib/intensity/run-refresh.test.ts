// runIntensityRefresh over the real store, registry and retention, in a database of its own:
// it works across tenants (every zone in use is due), so it must not touch other suites' data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { readForecast, refreshStateOf, storeReadings } from "@/lib/data/intensity";
import { runIntensityRefresh } from "@/lib/intensity/refresh";
import { seedServer, seedTenant } from "@/lib/testing/factories";
import { switchToIsolatedDatabase } from "@/lib/testing/test-db";

const DAY_MS = 86_400_000;
let restoreDatabase: () => Promise<void>;

beforeAll(async () => {
  restoreDatabase = await switchToIsolatedDatabase("refresh");
});

afterAll(async () => restoreDatabase());

describe("runIntensityRefresh", () => {
  it("does nothing when no zone is in use", async () => {
    expect(await runIntensityRefresh(new Date(), () => {})).toEqual([]);
  });

  it("refreshes the zones in use, logs one line each, then applies the 90-day retention", async () => {
    delete process.env.GRIDSHIFT_ELECTRICITYMAPS_API_KEY;
    const { organisationId } = await seedTenant("refresh");
    await seedServer(organisationId, { name: "replayed", gridZone: "replay:gb-lwa2020-week" });
    await seedServer(organisationId, { name: "berlin", gridZone: "em:DE" });
    const now = new Date();
    const old = new Date(now.getTime() - 100 * DAY_MS);
    await storeReadings("replay:gb-lwa2020-week", [{ start: old, end: new Date(old.getTime() + 1_800_000), gCO2PerKWh: 123, kind: "actual", source: "test" }], old);

    const lines: string[] = [];
    const outcomes = await runIntensityRefresh(now, (l) => lines.push(l));
    expect(outcomes.map((o) => [o.zone, o.ok]).sort()).toEqual([["em:DE", false], ["replay:gb-lwa2020-week", true]]);
    expect(lines.filter((l) => l.includes("em:DE"))).toHaveLength(1);
    expect(lines.find((l) => l.includes("em:DE"))).toMatch(/^intensity: zone em:DE: provider electricity-maps failed \(unsupported\): not configured/);
    expect((await readForecast("replay:gb-lwa2020-week", now, new Date(now.getTime() + 48 * 3_600_000))).length).toBeGreaterThanOrEqual(96);
    expect(await refreshStateOf("em:DE")).toMatchObject({ staleSince: now, lastSuccessAt: null });
    // Retention removed the reading from 100 days ago and kept the fresh ones.
    expect(await db().intensityReading.count({ where: { zone: "replay:gb-lwa2020-week", periodStart: old } })).toBe(0);
    expect(await db().intensityReading.count({ where: { zone: "replay:gb-lwa2020-week" } })).toBeGreaterThan(0);

    // Nothing is due again until the next refresh time.
    expect(await runIntensityRefresh(new Date(now.getTime() + 1000), () => {})).toEqual([]);
  });
});
