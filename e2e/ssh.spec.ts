// A newcomer's first runs over SSH: real sshd processes on loopback, servers and tasks added
// through the dashboard, the real worker (started by global-setup) running them.
import type { Page } from "@playwright/test";
import { db } from "../lib/db/client";
import { unsafePinHostKey } from "../lib/data/worker-runs";
import { startSshd, type TestSshd } from "../lib/testing/sshd";
import { expect, test } from "./support/fixtures";

let sshd: TestSshd;
let moved: TestSshd;

test.beforeAll(async () => {
  [sshd, moved] = await Promise.all([startSshd(), startSshd()]);
});

test.afterAll(async () => {
  await Promise.all([sshd?.stop(), moved?.stop()]);
});

async function addServer(page: Page, server: { name: string; ssh?: TestSshd }) {
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("menuitem", { name: "Add server" }).click();
  const form = page.getByRole("form", { name: "Add server" });
  await form.getByLabel("Name", { exact: true }).fill(server.name);
  if (server.ssh) {
    await form.getByLabel("Kind").selectOption("ssh");
    await form.getByLabel("Host").fill("127.0.0.1");
    await form.getByLabel("Port").fill(String(server.ssh.port));
    await form.getByLabel("Username").fill(server.ssh.username);
    await form.getByLabel("Private key").fill(server.ssh.userKey.privateKey);
  } else {
    await form.getByLabel("Kind").selectOption("local");
  }
  await form.getByRole("button", { name: "Add server" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: server.name })).toBeVisible();
}

async function addTask(page: Page, task: { name: string; server: string; command: string }) {
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("menuitem", { name: "Add task" }).click();
  const form = page.getByRole("form", { name: "Add task" });
  await form.getByLabel("Name", { exact: true }).fill(task.name);
  await form.getByLabel("Server").selectOption({ label: task.server });
  await form.getByLabel("Command").fill(task.command);
  await form.getByLabel("Working directory").fill("/tmp");
  await form.getByLabel("Carbon policy").selectOption("run_now");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form).toBeHidden();
}

/** Opens the task from the dashboard's queue and follows it: running, a first line streamed while it runs, then success. */
async function watchItSucceed(page: Page, name: string, firstLine: string, lastLine: string) {
  await page.getByRole("link", { name }).click();
  const badge = page.getByTestId("status-badge").first();
  const log = page.getByTestId("run-log");
  await expect(badge).toHaveText("running", { timeout: 60_000 });
  await expect(log).toContainText(firstLine, { timeout: 30_000 });
  await expect(log).not.toContainText(lastLine);
  await expect(badge).toHaveText("succeeded", { timeout: 60_000 });
  await expect(log).toContainText(lastLine);
}

// Long enough to be seen running: a task page polls a queued task only every 10 s.
const slowCommand = (label: string) => `echo "${label}: started on $(uname -n)"; sleep 20; echo "${label}: finished"`;

test("a task on a real SSH server and one on the local server run, stream their logs and finish; the host key is pinned", async ({ signedIn: page }) => {
  test.setTimeout(240_000);
  await addServer(page, { name: "ssh-box", ssh: sshd });
  await addServer(page, { name: "this-host" });

  await addTask(page, { name: "over ssh", server: "ssh-box", command: slowCommand("ssh job") });
  await watchItSucceed(page, "over ssh", "ssh job: started on", "ssh job: finished");
  await expect(page.getByRole("row").filter({ hasText: "succeeded" }).getByRole("cell").nth(4)).toHaveText("0");

  await page.goto("/");
  await page.getByRole("button", { name: /this-host/ }).click();
  await addTask(page, { name: "right here", server: "this-host", command: slowCommand("local job") });
  await watchItSucceed(page, "right here", "local job: started on", "local job: finished");

  await page.goto("/");
  await page.getByRole("button", { name: /ssh-box/ }).click();
  await page.getByRole("link", { name: "Server details →" }).click();
  await expect(page.getByTestId("host-key")).toHaveText(sshd.hostKey.fingerprint);
});

test("a server presenting another host key is refused and marked until its key is re-pinned", async ({ signedIn: page, tenant }) => {
  test.setTimeout(180_000);
  await addServer(page, { name: "moved-box", ssh: moved });
  // As if the box had been reinstalled: the key pinned earlier is the first server's.
  const server = await db().server.findFirstOrThrow({ where: { organisationId: tenant.organisationId, name: "moved-box" } });
  await unsafePinHostKey(server.id, sshd.hostKey.fingerprint);

  await addTask(page, { name: "should not run", server: "moved-box", command: "echo 'must never print'" });
  await page.getByRole("link", { name: "should not run" }).click();
  await expect(page.getByTestId("status-badge").first()).toHaveText("failed", { timeout: 60_000 });
  await expect(page.getByTestId("run-row-1")).toContainText(/host key mismatch/i);
  await expect(page.getByTestId("run-row-1")).toContainText(moved.hostKey.fingerprint);

  await page.goto("/");
  const entry = page.getByRole("button", { name: /moved-box/ });
  await expect(entry).toContainText("host key changed!");
  await entry.click();
  await page.getByRole("link", { name: "Server details →" }).click();
  await expect(page.getByText("presented a different host key")).toBeVisible();
  await expect(page.getByTestId("host-key")).toHaveText(sshd.hostKey.fingerprint);
  await page.getByRole("button", { name: "Re-pin host key" }).click();
  await expect(page.getByRole("button", { name: "Re-pin host key" })).toBeHidden();
  await expect(page.getByTestId("host-key")).toContainText("not pinned yet");
  await page.goto("/");
  await expect(page.getByRole("button", { name: /moved-box/ })).not.toContainText("host key changed!");
});
