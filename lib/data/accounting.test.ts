// Accounting against a real database. unsafeRunsNeedingReaccounting scans every tenant, so
// this file works in a database of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runManifest } from "@/lib/impact";
import { switchToIsolatedDatabase } from "@/lib/testing/test-db";

let restoreDatabase: () => Promise<void>;
let m: typeof import("@/lib/data/accounting") & typeof import("@/lib/data/insights") & typeof import("@/lib/testing/accounting-fixtures") & typeof import("@/lib/testing/factories") & typeof import("@/lib/db/client");

beforeAll(async () => {
  restoreDatabase = await switchToIsolatedDatabase("accounting");
  m = { ...(await import("@/lib/data/accounting")), ...(await import("@/lib/data/insights")), ...(await import("@/lib/testing/accounting-fixtures")), ...(await import("@/lib/testing/factories")), ...(await import("@/lib/db/client")) };
});

afterAll(async () => restoreDatabase());

const START = new Date("2026-03-01T10:00:00Z");
const green = (t: Date) => (t.getTime() >= START.getTime() ? 50 : 250);

describe("lib/data/accounting", () => {
  it("accounts a finished run, stores the figures and reads the functional units from its log", async () => {
    const tenant = await m.seedTenant("acc");
    const seeded = await m.seedFinishedRun(tenant.organisationId, { startedAt: START, minutes: 60, queuedMinutesBefore: 120, cpuRunPercent: 50, intensity: green, log: "working\nGRIDSHIFT_FUNCTIONAL_UNITS=400\n" });
    const accounting = await m.unsafeAccountRun(seeded.run.id, new Date("2026-03-01T12:00:00Z"));
    expect(accounting).not.toBeNull();
    const row = await m.db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
    expect(row.energyMethod).toBe("teads-curve");
    expect(row.intensityBasis).toBe("actual");
    expect(row.functionalUnit).toBe("units");
    expect(row.functionalUnitCount).toBe(400);
    expect(row.carbonG).toBeCloseTo(accounting!.carbonG, 12);
    expect(row.sciG).toBeCloseTo(accounting!.carbonG / 400, 12);
    expect(row.savedCarbonG!).toBeGreaterThan(0);
    expect(row.accountedAt).toEqual(new Date("2026-03-01T12:00:00Z"));
    expect(row.gpuEnergyKwh).toBe(0); // CPU-only: a zero part, not a missing one
  });

  it("stores a GPU run's GPU energy, so the stored parts add up to the total, and exports it", async () => {
    const tenant = await m.seedTenant("acc");
    const seeded = await m.seedFinishedRun(tenant.organisationId, { startedAt: START, minutes: 60, queuedMinutesBefore: 60, cpuRunPercent: 50, intensity: green, gpuPowerWatts: 200 });
    const accounting = await m.unsafeAccountRun(seeded.run.id);
    const row = await m.db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
    expect(row.energyMethod).toBe("teads-curve+nvidia-smi");
    expect(row.gpuEnergyKwh).toBeCloseTo(0.2, 12); // 200 W for an hour
    expect(row.gpuEnergyKwh).toBeCloseTo(accounting!.gpuEnergyKwh, 12);
    expect(row.cpuEnergyKwh! + row.gpuEnergyKwh! + row.memoryEnergyKwh! + row.networkEnergyKwh!).toBeCloseTo(row.energyKwh!, 12);

    const [exported] = await m.exportRuns(tenant.organisationId, { from: "2026-03-01", to: "2026-03-01" });
    expect(exported.gpuEnergyKwh).toBe(row.gpuEnergyKwh);
    expect(m.EXPORT_COLUMNS.indexOf("gpuEnergyKwh")).toBe(m.EXPORT_COLUMNS.indexOf("cpuEnergyKwh") + 1);
  });

  it("exports a manifest that recomputes the stored figures, and hides other organisations' runs", async () => {
    const tenant = await m.seedTenant("acc");
    const other = await m.seedTenant("acc-other");
    const seeded = await m.seedFinishedRun(tenant.organisationId, { startedAt: START, minutes: 45, queuedMinutesBefore: 30, cpuRunPercent: 80, intensity: green, functionalUnit: "images", functionalUnitCount: 90 });
    await m.unsafeAccountRun(seeded.run.id);
    const stored = await m.db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
    const computed = runManifest(await m.runImpactManifest(tenant.organisationId, seeded.run.id)).tree.children!;
    expect(computed.run.aggregated!.carbon).toBeCloseTo(stored.carbonG!, 9);
    expect(computed.run.aggregated!.sci).toBeCloseTo(stored.sciG!, 9);
    expect(computed.run.aggregated!.energy).toBeCloseTo(stored.energyKwh!, 12);
    expect((computed.counterfactual.aggregated!.carbon as number) - (computed.run.aggregated!.carbon as number)).toBeCloseTo(stored.savedCarbonG!, 9);
    await expect(m.runImpactManifest(other.organisationId, seeded.run.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("finds runs accounted on forecasts once actuals land, and re-accounts them", async () => {
    const tenant = await m.seedTenant("acc");
    const seeded = await m.seedFinishedRun(tenant.organisationId, { startedAt: START, minutes: 60, queuedMinutesBefore: 60, cpuRunPercent: 30, intensity: () => 300, kind: "forecast" });
    const now = new Date("2026-03-01T11:05:00Z");
    const before = await m.unsafeRunsNeedingReaccounting(now);
    expect(before).toContain(seeded.run.id); // finished, never accounted
    await m.unsafeAccountRun(seeded.run.id, now);
    expect(await m.unsafeRunsNeedingReaccounting(now)).not.toContain(seeded.run.id);
    const forecast = await m.db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
    expect(forecast.intensityBasis).toBe("forecast");

    const later = new Date("2026-03-01T11:40:00Z");
    await m.seedReadings(seeded.zone, START, new Date("2026-03-01T10:30:00Z"), () => 100, "actual", later);
    expect(await m.unsafeRunsNeedingReaccounting(later)).toContain(seeded.run.id);
    await m.unsafeAccountRun(seeded.run.id, later);
    const mixed = await m.db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
    expect(mixed.intensityBasis).toBe("mixed");
    expect(mixed.operationalCarbonG!).toBeLessThan(forecast.operationalCarbonG!);
    expect(await m.unsafeRunsNeedingReaccounting(later)).not.toContain(seeded.run.id);
  });

  it("leaves a run that has not finished alone", async () => {
    const tenant = await m.seedTenant("acc");
    const seeded = await m.seedFinishedRun(tenant.organisationId, { startedAt: START, minutes: 10, queuedMinutesBefore: 0, cpuRunPercent: 10, intensity: () => 100 });
    await m.db().run.update({ where: { id: seeded.run.id }, data: { finishedAt: null, status: "running" } });
    expect(await m.unsafeAccountRun(seeded.run.id)).toBeNull();
    expect(await m.unsafeAccountRun("no-such-run")).toBeNull();
  });
});
