// As a member of organisation B, every id of organisation A answers 404, and nothing of A changes.
import { createInvitation } from "../lib/data/invitations";
import { getServer } from "../lib/data/servers";
import { getTask } from "../lib/data/tasks";
import { seedFinishedRun } from "../lib/testing/accounting-fixtures";
import { expect, seedServer, seedTask, seedTenant, signIn, test } from "./support/fixtures";

test("another organisation's pages and API routes answer 404 and change nothing", async ({ page }) => {
  const a = await seedTenant("a");
  const b = await seedTenant("b");
  const server = await seedServer(a.organisationId, { name: "a-server" });
  const task = await seedTask(a.organisationId, server.id, { name: "a-task" });
  const { invitation } = await createInvitation(a.organisationId, { userId: a.user.id, role: "owner" }, { role: "member" });
  const finished = await seedFinishedRun(a.organisationId, { startedAt: new Date(Date.now() - 3 * 3600_000), minutes: 30, queuedMinutesBefore: 60, cpuRunPercent: 50, intensity: () => 100, taskName: "a-finished" });
  await signIn(page, b.email, b.password);

  const matrix: [string, string, unknown?][] = [
    ["GET", `/api/servers/${server.id}`],
    ["PATCH", `/api/servers/${server.id}`, { name: "stolen" }],
    ["DELETE", `/api/servers/${server.id}`],
    ["GET", `/api/tasks/${task.id}`],
    ["PATCH", `/api/tasks/${task.id}`, { name: "stolen" }],
    ["DELETE", `/api/tasks/${task.id}`],
    ["POST", `/api/tasks/${task.id}/cancel`],
    ["GET", `/api/tasks/${task.id}/runs`],
    ["POST", "/api/tasks/reorder", { serverId: server.id, taskIds: [task.id] }],
    ["POST", "/api/tasks", { serverId: server.id, name: "x", command: "true", workingDirectory: "/", expectedDurationMinutes: 5 }],
    ["GET", `/api/intensity/current?serverId=${server.id}`],
    ["PATCH", `/api/members/${a.user.id}`, { role: "viewer" }],
    ["DELETE", `/api/members/${a.user.id}`],
    ["DELETE", `/api/invitations/${invitation.id}`],
    ["PUT", "/api/organisations/current", { organisationId: a.organisationId }],
    ["GET", `/api/tasks/${finished.task.id}/runs/${finished.run.id}/log`],
    ["GET", `/api/runs/${finished.run.id}/manifest`],
    ["GET", `/api/runs/${finished.run.id}/profile`],
    ["GET", `/api/insights?serverId=${server.id}`],
    ["GET", `/api/insights?taskId=${finished.task.id}`],
    ["GET", `/api/runs/export?format=csv&serverId=${server.id}`],
    ["GET", `/api/runs/export?format=json&taskId=${finished.task.id}`],
  ];
  for (const [method, url, body] of matrix) {
    const response = await page.request.fetch(url, { method, data: body });
    expect(response.status(), `${method} ${url}`).toBe(404);
    expect(await response.text(), `${method} ${url} leaks nothing`).not.toContain("a-");
  }
  const tasksOfA = await page.request.get(`/api/tasks?serverId=${server.id}`);
  expect((await tasksOfA.json()).tasks).toEqual([]);
  const serversSeenByB = await (await page.request.get("/api/servers")).json();
  expect(serversSeenByB.servers).toEqual([]);

  for (const path of [`/servers/${server.id}`, `/tasks/${task.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  expect((await getServer(a.organisationId, server.id)).name).toBe("a-server");
  // The e2e worker may have run A's task meanwhile; B's calls must not have renamed, cancelled or deleted it.
  const after = await getTask(a.organisationId, task.id);
  expect(after.name).toBe("a-task");
  expect(after.status).not.toBe("cancelled");
  expect((await page.request.get("/api/runs/export?format=json")).ok()).toBe(true);
  expect(await (await page.request.get("/api/runs/export?format=json")).text()).not.toContain("a-finished");
});

test("signed-out visitors get 401 from the API and the sign-in page from the app", async ({ page }) => {
  for (const url of ["/api/servers", "/api/tasks", "/api/me"]) {
    expect((await page.request.get(url)).status(), url).toBe(401);
  }
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});
