// A finished run, seeded and accounted through lib code: its figures and chart on the task
// page, the organisation's totals on the insights page, and an exported manifest that the
// Impact Framework engine recomputes to the stored numbers. Another organisation gets 404.
import { parse } from "yaml";
import { unsafeAccountRun } from "../lib/data/accounting";
import { db } from "../lib/db/client";
import { formatCarbon, formatEnergy } from "../lib/domain/insights/format";
import { runManifest, type Manifest } from "../lib/impact";
import { seedFinishedRun } from "../lib/testing/accounting-fixtures";
import { expect, seedTenant, signIn, test } from "./support/fixtures";

const HOUR_MS = 3_600_000;

test("a completed run shows its energy, carbon, SCI, saving and chart; insights total it; its manifest recomputes", async ({ signedIn: page, tenant, browser }) => {
  const startedAt = new Date(Math.floor((Date.now() - 3 * HOUR_MS) / HOUR_MS) * HOUR_MS);
  const seeded = await seedFinishedRun(tenant.organisationId, {
    startedAt,
    minutes: 90,
    queuedMinutesBefore: 120,
    cpuRunPercent: 60,
    intensity: (t) => (t.getTime() >= startedAt.getTime() ? 40 : 260),
    log: "epoch 1\nGRIDSHIFT_FUNCTIONAL_UNITS=250\n",
    taskName: "nightly training",
    functionalUnit: "images",
  });
  await unsafeAccountRun(seeded.run.id);
  const stored = await db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
  expect(stored.savedCarbonG!).toBeGreaterThan(0);

  await page.goto(`/tasks/${seeded.task.id}`);
  const row = page.getByTestId("run-row-1");
  await expect(row).toContainText(formatEnergy(stored.energyKwh));
  await expect(row).toContainText(formatCarbon(stored.carbonG));
  await expect(row).toContainText(`${formatCarbon(stored.sciG)}/images`);
  await expect(row).toContainText(formatCarbon(stored.savedCarbonG));
  await expect(row).toContainText("teads-curve");
  await expect(row).toContainText("actual");
  await expect(page.getByTestId("run-figures")).toContainText("250 images");
  await expect(page.getByTestId("run-profile-chart").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("run-profile-chart").locator(".recharts-area")).toHaveCount(1);
  await expect(page.getByText("Planned into the greenest window")).toBeVisible();

  await page.getByRole("link", { name: "Insights" }).click();
  await expect(page).toHaveURL(/\/insights$/);
  await page.getByLabel("From").fill(startedAt.toISOString().slice(0, 10));
  await page.getByLabel("To").fill(new Date().toISOString().slice(0, 10));
  await expect(page.getByTestId("total-saved")).toHaveText(formatCarbon(stored.savedCarbonG));
  await expect(page.getByTestId("total-carbon")).toHaveText(formatCarbon(stored.carbonG));
  await expect(page.getByTestId("total-runs")).toContainText("1 · 100 %");
  await expect(page.getByTestId("cumulative-chart").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("by-server-chart")).toBeVisible();
  await expect(page.getByTestId("equivalent-phone-charges").first()).toContainText("12.4 gCO2 per charge");

  const exported = await page.request.get(`/api/runs/export?format=csv&from=${startedAt.toISOString().slice(0, 10)}`);
  expect(exported.status()).toBe(200);
  const csv = await exported.text();
  expect(csv).toContain(seeded.run.id);
  expect(csv.split("\r\n")[0]).toContain("cpuEnergyKwh,gpuEnergyKwh,memoryEnergyKwh");

  const response = await page.request.get(`/api/runs/${seeded.run.id}/manifest`);
  expect(response.status()).toBe(200);
  const computed = runManifest(parse(await response.text()) as Manifest).tree.children!;
  const run = computed.run.aggregated!;
  expect(run.carbon as number).toBeCloseTo(stored.carbonG!, 9);
  expect(run.energy as number).toBeCloseTo(stored.energyKwh!, 12);
  expect(run.sci as number).toBeCloseTo(stored.sciG!, 9);
  expect((computed.counterfactual.aggregated!.carbon as number) - (run.carbon as number)).toBeCloseTo(stored.savedCarbonG!, 9);

  const stranger = await seedTenant("stranger");
  const other = await browser.newPage();
  await signIn(other, stranger.email, stranger.password);
  for (const path of [`/api/runs/${seeded.run.id}/manifest`, `/api/runs/${seeded.run.id}/profile`]) {
    expect((await other.request.get(path)).status()).toBe(404);
  }
  const theirs = await (await other.request.get("/api/runs/export?format=json")).json();
  expect(theirs.runs).toEqual([]);
  await other.close();
});
