// Grid intensity end to end, offline: readings come from a shipped replay series, stored
// through the same refresh code the worker runs, then shown in the slot and on the page.
import { carbonConfigFromEnv, createCarbonRegistry } from "../lib/carbon";
import { markRefreshFailure } from "../lib/data/intensity";
import { createInvitation, registerUserWithInvitation } from "../lib/data/invitations";
import { refreshZones } from "../lib/intensity/refresh";
import { expect, seedServer, seedTenant, signIn, test } from "./support/fixtures";

const REPLAY_ZONE = "replay:gb-lwa2020-week";
const BANDS = /very low|low|moderate|high|very high/;

async function refresh(zone: string, now = new Date()) {
  const lines: string[] = [];
  const outcomes = await refreshZones({ registry: createCarbonRegistry(carbonConfigFromEnv()), zones: [zone], now, log: (l) => lines.push(l) });
  expect(outcomes[0], lines.join("\n")).toMatchObject({ ok: true });
}

test("the slot and the intensity page render replayed readings", async ({ page, tenant }) => {
  const server = await seedServer(tenant.organisationId, { name: "replay-box", gridZone: REPLAY_ZONE });
  await refresh(REPLAY_ZONE);
  await signIn(page, tenant.email, tenant.password);

  await page.goto(`/?server=${server.id}`);
  const slot = page.getByTestId("intensity-slot");
  await expect(slot.getByTestId("intensity-value")).toHaveText(/^\d+$/);
  await expect(slot).toContainText("gCO2/kWh");
  await expect(slot.getByTestId("intensity-band")).toHaveText(BANDS);
  await expect(slot).toContainText("replay:gb-lwa2020-week");
  await expect(slot.getByTestId("intensity-stale")).toHaveCount(0);

  await page.getByRole("link", { name: "Intensity", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Grid intensity" })).toBeVisible();
  const zone = page.getByRole("region", { name: `Zone ${REPLAY_ZONE}` });
  await expect(zone.getByRole("heading", { name: REPLAY_ZONE })).toBeVisible();
  await expect(zone).toContainText("Servers: replay-box");

  const forecast = zone.getByTestId("forecast-chart");
  await expect(forecast).toContainText("Forecast, next 48 hours");
  await expect(forecast.locator("svg .recharts-area path").first()).toBeVisible();
  await expect(forecast.locator("svg")).toContainText("gCO2/kWh");
  await expect(forecast.locator("svg")).toContainText("Local time");
  await expect(forecast.locator(".recharts-reference-area")).toHaveCount(3);
  await expect(zone.getByTestId("greenest-legend")).toContainText("Greenest 3 h windows");
  await expect(zone.getByTestId("greenest-legend").locator("li")).toHaveCount(3);

  const past = zone.getByTestId("past-chart");
  await expect(past).toContainText("Last 7 days");
  await expect(past.locator("svg .recharts-line path").first()).toBeVisible();

  // Chart text follows the colour scheme (currentColor on a wrapper that switches with it).
  const textColour = () => forecast.evaluate((el) => getComputedStyle(el).color);
  await page.emulateMedia({ colorScheme: "light" });
  const light = await textColour();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await textColour();
  expect(dark).not.toBe(light);
  await expect(forecast.locator("svg .recharts-area path").first()).toBeVisible();

  // Longer windows: the page asks again and still highlights them.
  await page.getByLabel("Greenest windows of").selectOption("6");
  await expect(zone.getByTestId("greenest-legend")).toContainText("Greenest 6 h windows");
});

test("a failed refresh shows the last reading as stale", async ({ page, tenant }) => {
  const zone = "static:FR";
  const now = new Date();
  // Stored and failed before any server uses the zone, with the next attempt an hour away, so
  // the e2e worker (which refreshes zones in use) leaves it alone.
  await refresh(zone, now);
  await markRefreshFailure(zone, now, "provider static failed (server_error): test outage", new Date(now.getTime() + 3_600_000));
  const server = await seedServer(tenant.organisationId, { name: "paris", gridZone: zone });
  await signIn(page, tenant.email, tenant.password);
  await page.goto(`/?server=${server.id}`);
  const slot = page.getByTestId("intensity-slot");
  await expect(slot.getByTestId("intensity-value")).toHaveText("56");
  await expect(slot.getByTestId("intensity-band")).toHaveText(BANDS);
  await expect(slot.getByTestId("intensity-stale")).toContainText("stale since");
  await page.goto("/intensity");
  await expect(page.getByRole("status").filter({ hasText: "test outage" })).toBeVisible();
});

test("provider credentials are write-only and limited to owners and admins", async ({ page, tenant }) => {
  await signIn(page, tenant.email, tenant.password);
  await page.goto("/settings/intensity");
  const form = page.getByRole("form", { name: "Electricity Maps" });
  await expect(form.getByTestId("em-status")).toHaveText("No API key stored.");
  await form.getByLabel("API key").fill("em-secret-key-123");
  await form.getByRole("button", { name: "Save key" }).click();
  await expect(form.getByTestId("em-status")).toHaveText("An API key is stored.");
  await expect(form.getByLabel("API key")).toHaveValue("");

  const body = await (await page.request.get("/api/settings/intensity")).text();
  expect(JSON.parse(body)).toEqual({ credentials: { hasElectricityMapsApiKey: true, hasWattTimeCredentials: false } });
  expect(body).not.toContain("em-secret");

  const invalid = await page.request.put("/api/settings/intensity", { data: { wattTimeUsername: "ada", clearWattTime: true } });
  expect(invalid.status()).toBe(400);

  await form.getByRole("button", { name: "Remove key" }).click();
  await expect(form.getByTestId("em-status")).toHaveText("No API key stored.");
});

test("zones and credentials of another organisation stay out of sight; viewers cannot touch credentials", async ({ page, tenant }) => {
  const other = await seedTenant("other");
  await seedServer(other.organisationId, { name: "theirs", gridZone: "static:DE" });
  await signIn(page, tenant.email, tenant.password);
  const zones = await (await page.request.get("/api/intensity/zones")).json();
  expect(zones).toEqual({ zones: [] });
  await page.goto("/intensity");
  await expect(page.getByTestId("intensity-empty")).toBeVisible();

  const { token } = await createInvitation(tenant.organisationId, { userId: tenant.user.id, role: "owner" }, { role: "viewer" });
  const email = `viewer-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.test`;
  await registerUserWithInvitation(token, { email, name: "Vee", password: "viewer password 1" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, "viewer password 1");
  expect((await page.request.get("/api/settings/intensity")).status()).toBe(403);
  expect((await page.request.put("/api/settings/intensity", { data: { electricityMapsApiKey: "x" } })).status()).toBe(403);
  expect((await page.request.get("/api/intensity/zones")).status()).toBe(200);
  await page.goto("/settings/intensity");
  await expect(page.getByText("Only owners and admins can change the provider credentials")).toBeVisible();
});
