import { mkdirSync } from "node:fs";
import { seedReadings } from "../lib/testing/accounting-fixtures";
import { expect, seedServer, seedTask, test } from "./support/fixtures";

const ZONE = "uk:region:13";

/**
 * The e2e worker runs for real: a forecast that is dirty now and green from 10 h ahead keeps
 * the tasks of these tests planned (waiting), so the queue stays in place to be reordered.
 */
async function seedDirtyNowGreenLater() {
  const now = Date.now();
  const green = (t: Date) => t.getTime() >= now + 10 * 3600_000;
  await seedReadings(ZONE, new Date(now - 3600_000), new Date(now + 40 * 3600_000), (t) => (green(t) ? 40 : 420), "forecast");
}

const cardNames = (page: import("@playwright/test").Page) => page.getByTestId("task-queue").getByTestId("task-card").locator("h3");

test("sign up, add a server and tasks, drag to reorder, edit and delete", async ({ page }) => {
  await seedDirtyNowGreenLater();
  const email = `owner-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Owner");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Organisation name").fill("Green Ops");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("organisation-name")).toHaveText("Green Ops");
  await expect(page.getByText("No servers yet.")).toBeVisible();

  // Add a server through the bottom-right button; a bad zone gets a field error first.
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("menuitem", { name: "Add server" }).click();
  const serverForm = page.getByRole("form", { name: "Add server" });
  await serverForm.getByLabel("Name", { exact: true }).fill("build-box");
  await serverForm.getByLabel("Kind").selectOption("local");
  await serverForm.getByLabel("Grid zone").fill("mars:olympus");
  await serverForm.getByRole("button", { name: "Add server" }).click();
  await expect(serverForm.getByRole("alert").filter({ hasText: "Use a zone such as" })).toBeVisible();
  // The input names its error, so a screen reader reads it with the field.
  await expect(serverForm.getByLabel("Grid zone")).toHaveAccessibleDescription(/Use a zone such as/);
  await serverForm.getByLabel("Grid zone").fill(ZONE);
  await serverForm.getByRole("button", { name: "Add server" }).click();
  await expect(page.getByTestId("server-list")).toContainText("build-box");
  await expect(page.getByTestId("intensity-slot")).toContainText(ZONE);

  for (const name of ["alpha", "beta", "gamma"]) {
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("menuitem", { name: "Add task" }).click();
    const form = page.getByRole("form", { name: "Add task" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Command").fill(`echo ${name}`);
    await form.getByLabel("Working directory").fill("/tmp");
    await form.getByRole("button", { name: "Add task" }).click();
    await expect(form).toBeHidden();
  }
  await expect(cardNames(page)).toHaveText(["alpha", "beta", "gamma"]);
  const firstCard = page.getByTestId("task-card").first();
  await expect(firstCard.getByTestId("status-badge")).toHaveText(/queued|planned/);
  await expect(firstCard).toContainText("echo alpha");
  await expect(firstCard).toContainText("/tmp");

  // Drag gamma above alpha with the mouse.
  const handle = page.getByRole("button", { name: "Drag gamma" });
  const from = (await handle.boundingBox())!;
  const to = (await page.getByTestId("task-card").first().boundingBox())!;
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/tasks/reorder") && r.status() === 200);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 4 });
  await page.mouse.move(to.x + 20, to.y + 4, { steps: 15 });
  await page.mouse.up();
  await saved;
  await expect(cardNames(page)).toHaveText(["gamma", "alpha", "beta"]);
  await page.reload();
  await expect(cardNames(page)).toHaveText(["gamma", "alpha", "beta"]);

  // The keyboard way: move beta up.
  await page.getByRole("button", { name: "Move beta up" }).click();
  await expect(cardNames(page)).toHaveText(["gamma", "beta", "alpha"]);
  await page.reload();
  await expect(cardNames(page)).toHaveText(["gamma", "beta", "alpha"]);

  // Edit a task on its page, then delete it with confirmation.
  await page.getByRole("link", { name: "alpha" }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit task" });
  await edit.getByLabel("Name", { exact: true }).fill("alpha renamed");
  await edit.getByRole("button", { name: "Save task" }).click();
  await expect(page.getByRole("heading", { name: "alpha renamed" })).toBeVisible();
  await expect(page.getByTestId("runs-empty")).toBeVisible();
  await page.getByRole("button", { name: "Delete task" }).click();
  await page.getByRole("button", { name: "Yes, delete task" }).click();
  await expect(cardNames(page)).toHaveText(["gamma", "beta"]);

  // Edit the server, then delete it (its tasks go with it).
  await page.getByRole("link", { name: "Server details →" }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("form", { name: "Edit server" }).getByLabel("Name", { exact: true }).fill("build-box-2");
  await page.getByRole("button", { name: "Save server" }).click();
  await expect(page.getByRole("heading", { name: "build-box-2" })).toBeVisible();
  await page.getByRole("button", { name: "Delete server" }).click();
  await page.getByRole("button", { name: "Yes, delete server" }).click();
  await expect(page.getByText("No servers yet.")).toBeVisible();
});

test("task form shows field errors and keeps what was typed", async ({ signedIn: page, tenant }) => {
  await seedServer(tenant.organisationId, { name: "box" });
  await page.reload();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("menuitem", { name: "Add task" }).click();
  const form = page.getByRole("form", { name: "Add task" });
  await form.getByLabel("Name", { exact: true }).fill("needs a command");
  await form.getByLabel("Working directory").fill("relative/path");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByText("Command is required")).toBeVisible();
  await expect(form.getByText("Use an absolute path (or ~/…)")).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("needs a command");
});

test.describe("a viewer in Berlin", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("reads the worker's plan in their own time zone", async ({ signedIn: page, tenant }) => {
    await seedDirtyNowGreenLater();
    const server = await seedServer(tenant.organisationId, { name: "berlin-box", gridZone: ZONE });
    const task = await seedTask(tenant.organisationId, server.id, { name: "nightly export", expectedDurationMinutes: 60 });
    await page.reload();
    const card = page.locator(`[data-task-id="${task.id}"]`);
    // The worker writes "waiting for HH:MM UTC …"; the card shows Berlin time (CET, or CEST in summer).
    await expect(card).toContainText(/waiting for (\w{3} \d{1,2} \w{3} )?\d{2}:\d{2} CES?T on berlin-box/, { timeout: 30_000 });
    await expect(card).not.toContainText("UTC");
  });
});

test("dashboard screenshot for the README", async ({ signedIn: page, tenant }) => {
  await seedDirtyNowGreenLater();
  // Loopback only: nothing here may ever try a real address; the plans keep it idle anyway.
  const gpu = await seedServer(tenant.organisationId, { name: "gpu-trainer", kind: "ssh", host: "127.0.0.1", port: 2222, username: "ml", authMethod: "password", password: "x", gridZone: ZONE });
  await seedServer(tenant.organisationId, { name: "backup-box", gridZone: "uk:postcode:RG10" });
  await seedTask(tenant.organisationId, gpu.id, { name: "Train ResNet-50", command: "python train.py --epochs 90", workingDirectory: "/srv/ml/resnet", description: "Nightly retraining on the latest labelled images.", expectedDurationMinutes: 240 });
  await seedTask(tenant.organisationId, gpu.id, { name: "Export embeddings", command: "python export.py --format parquet", workingDirectory: "/srv/ml/resnet", description: "Feeds the search index.", expectedDurationMinutes: 45 });
  await seedTask(tenant.organisationId, gpu.id, { name: "Clean scratch", command: "find /scratch -mtime +7 -delete", workingDirectory: "/scratch", expectedDurationMinutes: 5 });
  await page.goto(`/?server=${gpu.id}`);
  await expect(page.getByTestId("task-card")).toHaveCount(3);
  await expect(page.getByTestId("status-badge").filter({ hasText: "planned" })).toHaveCount(3, { timeout: 30_000 });
  mkdirSync("public/readme", { recursive: true });
  await page.screenshot({ path: "public/readme/dashboard.png" });
});
