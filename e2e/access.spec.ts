import { createInvitation, registerUserWithInvitation } from "../lib/data/invitations";
import { getTask } from "../lib/data/tasks";
import { expect, seedServer, seedTask, seedTenant, signIn, test } from "./support/fixtures";

test("a viewer sees the queue but cannot change anything", async ({ page }) => {
  const owner = await seedTenant("own");
  const server = await seedServer(owner.organisationId, { name: "shared" });
  const task = await seedTask(owner.organisationId, server.id, { name: "watched" });
  await seedTask(owner.organisationId, server.id, { name: "second" });
  const { token } = await createInvitation(owner.organisationId, { userId: owner.user.id, role: "owner" }, { role: "viewer" });
  const email = `viewer-${Date.now()}@example.test`;
  await registerUserWithInvitation(token, { email, name: "Vee", password: "viewer password 1" });
  await signIn(page, email, "viewer password 1");

  await expect(page.getByTestId("task-card")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Add", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("drag-handle")).toHaveCount(0);
  const attempts: [string, string, unknown?][] = [
    ["POST", "/api/tasks", { serverId: server.id, name: "x", command: "true", workingDirectory: "/", expectedDurationMinutes: 5 }],
    ["PATCH", `/api/tasks/${task.id}`, { name: "changed" }],
    ["DELETE", `/api/tasks/${task.id}`],
    ["POST", "/api/tasks/reorder", { serverId: server.id, taskIds: [task.id] }],
    ["POST", "/api/servers", { name: "x", kind: "local", gridZone: "uk:national" }],
    ["DELETE", `/api/servers/${server.id}`],
  ];
  for (const [method, url, body] of attempts) {
    expect((await page.request.fetch(url, { method, data: body })).status(), `${method} ${url}`).toBe(403);
  }
  expect((await getTask(owner.organisationId, task.id)).name).toBe("watched");
});

test("an invitation link brings a new colleague into the organisation", async ({ signedIn: page, tenant, browser }) => {
  await page.goto("/settings/members");
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invite-link").textContent();
  expect(link).toContain("/invite/");

  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await other.goto(link!);
  await expect(other.getByRole("heading", { name: /Join / })).toBeVisible();
  await other.getByLabel("Your name").fill("Colleague");
  await other.getByLabel("E-mail").fill(`colleague-${Date.now()}@example.test`);
  await other.getByLabel("Password").fill("colleague password");
  await other.getByRole("button", { name: "Create account and join" }).click();
  await expect(other.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(other.getByText(/· admin/)).toBeVisible();
  await other.goto(link!);
  await expect(other.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await colleague.close();
  await page.reload();
  await expect(page.getByRole("cell", { name: "Colleague", exact: true })).toBeVisible();
  expect(tenant.organisationId).toBeTruthy();
});

test("a member of two organisations switches between them", async ({ page }) => {
  const a = await seedTenant("one");
  const b = await seedTenant("two");
  await seedServer(a.organisationId, { name: "server-of-one" });
  await seedServer(b.organisationId, { name: "server-of-two" });
  const { token } = await createInvitation(b.organisationId, { userId: b.user.id, role: "owner" }, { role: "member" });
  const { acceptInvitation } = await import("../lib/data/invitations");
  await acceptInvitation(token, { id: a.user.id, email: a.email });
  await signIn(page, a.email, a.password);
  await expect(page.getByTestId("server-list")).toContainText("server-of-one");
  await page.getByLabel("Organisation").selectOption(b.organisationId);
  await expect(page.getByTestId("server-list")).toContainText("server-of-two");
  await expect(page.getByTestId("server-list")).not.toContainText("server-of-one");
});

test("wrong passwords are refused, then rate limited", async ({ page }) => {
  const t = await seedTenant("rl");
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-mail").fill(t.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong e-mail or password.");
  }
  await page.getByLabel("Password").fill(t.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Too many failed attempts");
});

test("the API answers bad input with field errors, never a 500", async ({ signedIn: page, tenant }) => {
  const server = await seedServer(tenant.organisationId);
  const bad = await page.request.post("/api/tasks", { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(bad.status()).toBe(400);
  const invalid = await page.request.post("/api/tasks", { data: { serverId: server.id, name: "", expectedDurationMinutes: -3, workingDirectory: "rel", command: "" } });
  expect(invalid.status()).toBe(400);
  const body = await invalid.json();
  expect(Object.keys(body.error.fields).sort()).toEqual(["command", "expectedDurationMinutes", "name", "workingDirectory"]);
  const serverBad = await page.request.post("/api/servers", { data: { name: "s", kind: "ssh", gridZone: "uk:national", authMethod: "key", privateKey: "nope" } });
  expect(serverBad.status()).toBe(400);
  expect(Object.keys((await serverBad.json()).error.fields).sort()).toEqual(["host", "privateKey", "username"]);
  const secretsNeverReturned = await page.request.post("/api/servers", { data: { name: "keyed", kind: "ssh", host: "127.0.0.1", username: "u", authMethod: "password", password: "hunter2hunter2", gridZone: "uk:national" } });
  expect(secretsNeverReturned.status()).toBe(201);
  expect(await secretsNeverReturned.text()).not.toContain("hunter2");
  expect(await (await page.request.get("/api/servers")).text()).not.toContain("hunter2");
});
