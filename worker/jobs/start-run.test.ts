// A worker whose operator left local servers off refuses to run on one, even when the server
// was registered (or the run queued) while they were on.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedServer, seedTask, seedTenant } from "@/lib/testing/factories";
import { switchToIsolatedDatabase } from "@/lib/testing/test-db";
import { LOCAL_SERVERS_OFF } from "@/lib/validation/server";
import type { AddJob } from "@/worker/jobs/catalogue";

const runsRoot = mkdtempSync(path.join(os.tmpdir(), "gridshift-start-runs-"));
process.env.GRIDSHIFT_LOCAL_RUNS_ROOT = runsRoot;

let jobs: typeof import("@/worker/jobs/tick") & typeof import("@/worker/jobs/start-run");
let restoreDatabase: () => Promise<void>;

// The tick plans every organisation's tasks, so this suite has a database of its own.
beforeAll(async () => {
  restoreDatabase = await switchToIsolatedDatabase("start-run");
  jobs = { ...(await import("@/worker/jobs/tick")), ...(await import("@/worker/jobs/start-run")) };
});

afterAll(async () => {
  await restoreDatabase();
  rmSync(runsRoot, { recursive: true, force: true });
});

function recorder() {
  const queued: string[] = [];
  const addJob: AddJob = async (name) => void queued.push(name);
  return { queued, addJob, log: () => {} };
}

async function claimOnLocalServer(maxRetries: number) {
  const { organisationId } = await seedTenant("start");
  const server = await seedServer(organisationId, { name: "here", kind: "local" });
  const task = await seedTask(organisationId, server.id, { carbonPolicy: "run_now", command: "true", maxRetries });
  const deps = recorder();
  await jobs.tick(deps);
  const run = await db().run.findFirstOrThrow({ where: { taskId: task.id } });
  return { task, run, deps };
}

describe("start-run on a local server", () => {
  it("fails the run with the reason, without retrying or touching the worker's host, while local servers are off", async () => {
    const { task, run, deps } = await claimOnLocalServer(3);
    process.env.GRIDSHIFT_LOCAL_SERVERS = "off";
    try {
      await jobs.startRun(run.id, deps);
    } finally {
      process.env.GRIDSHIFT_LOCAL_SERVERS = "on";
    }
    const failed = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed).toMatchObject({ status: "failed", exitCode: null, errorMessage: `refused: ${LOCAL_SERVERS_OFF}` });
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("failed");
    expect(deps.queued).not.toContain("watch-run");
    expect(existsSync(path.join(runsRoot, run.id))).toBe(false);
  });

  it("starts it as before while they are on", async () => {
    const { run, deps } = await claimOnLocalServer(0);
    await jobs.startRun(run.id, deps);
    expect(await db().run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "running" });
    expect(deps.queued).toContain("watch-run");
    expect(readdirSync(runsRoot)).toContain(run.id);
  });
});
