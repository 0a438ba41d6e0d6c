import { expect, seedServer, test } from "./support/fixtures";

test("a task queued in the browser runs on the local server and its log streams in", async ({ signedIn: page, tenant }) => {
  test.setTimeout(120_000);
  await seedServer(tenant.organisationId, { name: "this-host", kind: "local", gridZone: "uk:national" });
  await page.reload();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("menuitem", { name: "Add task" }).click();
  const form = page.getByRole("form", { name: "Add task" });
  await form.getByLabel("Name", { exact: true }).fill("hello job");
  await form.getByLabel("Command").fill("echo 'hello from gridshift'; sleep 3; echo 'all done'");
  await form.getByLabel("Working directory").fill("/tmp");
  await form.getByLabel("Carbon policy").selectOption("run_now");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form).toBeHidden();

  await page.getByRole("link", { name: "hello job" }).click();
  const badge = page.getByTestId("status-badge").first();
  await expect(badge).toHaveText(/running|succeeded/, { timeout: 60_000 });
  await expect(page.getByTestId("run-log")).toContainText("hello from gridshift", { timeout: 30_000 });
  await expect(badge).toHaveText("succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("run-log")).toContainText("all done");
  await expect(page.getByRole("row").filter({ hasText: "succeeded" }).getByRole("cell").nth(4)).toHaveText("0");
});
