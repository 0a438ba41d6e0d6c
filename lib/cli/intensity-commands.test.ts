import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "@/lib/carbon/testing/http-provider-contract";
import { runIntensityCommand } from "@/lib/cli/intensity-commands";
import { readActuals, storeReadings } from "@/lib/data/intensity";
import { updateIntensityCredentials } from "@/lib/data/intensity-credentials";
import { seedTenant } from "@/lib/testing/factories";
import { startFakeHttp, type FakeHttpServer } from "@/lib/testing/fake-http";

const ZONE = "replay:gb-lwa2020-week";

async function run(verb: string, opts: Record<string, string>): Promise<string[]> {
  const lines: string[] = [];
  await runIntensityCommand(verb, opts, (line) => lines.push(line));
  return lines;
}

describe("gridshift intensity", () => {
  let fake: FakeHttpServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeHttp([{ path: "/v3/carbon-intensity/latest", respond: { body: fixture("em-latest-de.json") } }]);
    process.env.GRIDSHIFT_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gridshift-cli-"));
    process.env.GRIDSHIFT_ELECTRICITYMAPS_BASE_URL = fake.baseUrl;
    delete process.env.GRIDSHIFT_ELECTRICITYMAPS_API_KEY;
  });
  afterAll(async () => {
    process.env = saved;
    await fake.close();
  });

  it("prints current, forecast and history as JSON lines", async () => {
    const [current] = await run("current", { zone: ZONE });
    expect(JSON.parse(current)).toMatchObject({ zone: ZONE, kind: "actual", source: ZONE, gCO2PerKWh: expect.any(Number) });

    const forecast = (await run("forecast", { zone: ZONE, hours: "6" })).map((l) => JSON.parse(l));
    expect(forecast.length).toBeGreaterThanOrEqual(12);
    expect(forecast.every((r) => r.kind === "forecast")).toBe(true);

    const history = await run("history", { zone: "static:GB", from: "2026-03-01T00:00Z", to: "2026-03-01T03:00Z" });
    expect(history.map((l) => JSON.parse(l).start)).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-01T01:00:00.000Z", "2026-03-01T02:00:00.000Z"]);
  });

  it("backfills history into the store and prints a count", async () => {
    const from = "2026-02-01T00:00Z";
    const to = "2026-02-02T00:00Z";
    expect(await run("backfill", { zone: ZONE, from, to })).toEqual([`backfilled ${ZONE}: 48 readings from replay (48 new, 0 superseded, 0 unchanged)`]);
    expect(await run("backfill", { zone: ZONE, from, to })).toEqual([`backfilled ${ZONE}: 48 readings from replay (0 new, 0 superseded, 48 unchanged)`]);
    expect(await readActuals(ZONE, new Date(from), new Date(to))).toHaveLength(48);
  });

  it("reports forecast accuracy by lead time from the stored versions", async () => {
    const zone = "replay:accuracy-check";
    const start = new Date("2026-02-10T12:00Z");
    const end = new Date("2026-02-10T12:30Z");
    const fetched = (hoursBefore: number) => new Date(start.getTime() - hoursBefore * 3_600_000);
    await storeReadings(zone, [{ start, end, gCO2PerKWh: 130, kind: "forecast", source: "t" }], fetched(30));
    await storeReadings(zone, [{ start, end, gCO2PerKWh: 110, kind: "forecast", source: "t" }], fetched(3));
    await storeReadings(zone, [{ start, end, gCO2PerKWh: 100, kind: "actual", source: "t" }], fetched(-1));
    const lines = (await run("accuracy", { zone, from: "2026-02-10T00:00Z", to: "2026-02-11T00:00Z" })).map((l) => JSON.parse(l));
    // Looked at every half hour: 110 (+10) was in force for the last 3 h, 130 (+30) from 30 h to 3 h ahead.
    expect(lines.map((l) => [l.leadHours, l.count, l.meanError])).toEqual([[[0, 1], 3, 10], [[1, 6], 10, 22], [[6, 24], 36, 30], [[24, 48], 12, 30]]);
  });

  it("uses an organisation's credentials with --org", async () => {
    const org = await seedTenant("cli");
    await updateIntensityCredentials(org.organisationId, { electricityMapsApiKey: "cli-org-key" });
    const [line] = await run("current", { zone: "em:DE", org: org.organisationId });
    expect(JSON.parse(line)).toMatchObject({ zone: "em:DE", gCO2PerKWh: 322 });
    expect(fake.requests.at(-1)?.headers["auth-token"]).toBe("cli-org-key");
  });

  it.each([
    ["current", {}, /--zone is required/],
    ["current", { zone: "mars:olympus" }, /--zone: zone must start with/],
    ["current", { zone: "em:DE" }, /electricity-maps: not configured: set GRIDSHIFT_ELECTRICITYMAPS_API_KEY/],
    ["history", { zone: ZONE, from: "2026-03-02T00:00Z", to: "2026-03-01T00:00Z" }, /--to must be after --from/],
    ["backfill", { zone: ZONE, from: "2026-03-01T00:00Z" }, /backfill needs --from and --to/],
    ["forecast", { zone: ZONE, hours: "0" }, /--hours must be/],
    ["explode", { zone: ZONE }, /unknown intensity verb/],
  ])("%s %j fails with one clear message", async (verb, opts, message) => {
    const error = await run(verb, opts as Record<string, string>).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error & { fieldErrors?: Record<string, string[]> }).fieldErrors
      ? JSON.stringify((error as Error & { fieldErrors?: Record<string, string[]> }).fieldErrors)
      : (error as Error).message;
    expect(text).toMatch(message);
  });
});
