// The worker's jobs end to end on a real database and the local executor: claim, start,
// stream, finish, cancel, time out, retry, and exactly-once under repeated jobs.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { cancelTask } from "@/lib/data/tasks";
import { seedServer, seedTask, seedTenant } from "@/lib/testing/factories";
import { switchToIsolatedDatabase } from "@/lib/testing/test-db";
import type { AddJob, JobName, JobPayloads } from "@/worker/jobs/catalogue";

process.env.GRIDSHIFT_LOCAL_RUNS_ROOT = mkdtempSync(path.join(os.tmpdir(), "gridshift-runs-"));
process.env.GRIDSHIFT_WATCH_INTERVAL_MS = "0";
process.env.GRIDSHIFT_MAX_LOG_BYTES = String(64 * 1024);

type Queued = { name: JobName; payload: JobPayloads[JobName] };
let jobs: typeof import("@/worker/jobs/tick") & typeof import("@/worker/jobs/start-run") & typeof import("@/worker/jobs/watch-run");

let restoreDatabase: () => Promise<void>;

beforeAll(async () => {
  restoreDatabase = await switchToIsolatedDatabase("worker");
  jobs = { ...(await import("@/worker/jobs/tick")), ...(await import("@/worker/jobs/start-run")), ...(await import("@/worker/jobs/watch-run")) };
});

afterAll(async () => restoreDatabase());

function recorder() {
  const queue: Queued[] = [];
  const addJob: AddJob = async (name, payload) => void queue.push({ name, payload });
  return { queue, addJob, log: () => {} };
}

async function runToEnd(runId: string, deps: ReturnType<typeof recorder>, limitMs = 15_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    if (!["starting", "running", "paused"].includes(run.status)) return run;
    await jobs.watchRun(runId, { addJob: deps.addJob, log: deps.log }, new Date(), "test-watcher");
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("run did not finish");
}

async function logOf(runId: string) {
  const chunks = await db().runLogChunk.findMany({ where: { runId }, orderBy: { offset: "asc" } });
  return chunks.map((c) => c.content).join("");
}

async function queueAndStart(overrides: Record<string, unknown>) {
  const { organisationId } = await seedTenant("wk");
  const server = await seedServer(organisationId, { name: "here", kind: "local" });
  const task = await seedTask(organisationId, server.id, { carbonPolicy: "run_now", ...overrides });
  const deps = recorder();
  await jobs.tick(deps);
  const run = await db().run.findFirstOrThrow({ where: { taskId: task.id } });
  expect(deps.queue).toContainEqual({ name: "start-run", payload: { runId: run.id } });
  await jobs.startRun(run.id, deps);
  return { task, run, deps, organisationId };
}

/**
 * A greenest interruptible run (4 h) started on a local server in `zone`, whose stored plan is
 * `first(t0)` followed by four hours tomorrow: the plan of an earlier tick.
 */
async function interruptibleRunOn(zone: string, serverName: string, first: (t0: number) => { start: number; end: number }) {
  const { organisationId } = await seedTenant("wk");
  const server = await seedServer(organisationId, { name: serverName, kind: "local", gridZone: zone });
  const task = await seedTask(organisationId, server.id, { carbonPolicy: "run_now", command: "sleep 30", interruptible: true, expectedDurationMinutes: 240 });
  const deps = recorder();
  await jobs.tick(deps);
  const run = await db().run.findFirstOrThrow({ where: { taskId: task.id } });
  await jobs.startRun(run.id, deps);
  const t0 = Date.now();
  const slot = Math.ceil(t0 / 1_800_000) * 1_800_000;
  const { start, end } = first(t0);
  const tomorrow = { start: new Date(slot + 20 * 3_600_000).toISOString(), end: new Date(slot + 24 * 3_600_000).toISOString() };
  const plan = [{ start: new Date(start).toISOString(), end: new Date(end).toISOString() }, tomorrow];
  await db().task.update({ where: { id: task.id }, data: { carbonPolicy: "greenest", plannedPieces: plan, deadline: new Date(slot + 30 * 3_600_000) } });
  const look = (at: number) => jobs.watchRun(run.id, { addJob: deps.addJob, log: deps.log }, new Date(at), "test-watcher");
  return { organisationId, task, run, deps, t0, slot, tomorrow, look };
}

/** 30 h of half-hourly forecasts from the half hour before `slot`, valued by `gCO2PerKWh(start)`. */
function forecastFrom(slot: number, gCO2PerKWh: (start: number) => number) {
  return Array.from({ length: 60 }, (_, k) => {
    const start = slot - 1_800_000 + k * 1_800_000;
    return { start: new Date(start), end: new Date(start + 1_800_000), gCO2PerKWh: gCO2PerKWh(start), kind: "forecast" as const, source: "test" };
  });
}

describe("worker jobs with the local executor", () => {
  it("runs a task, streams stdout and stderr, and records a failing exit code", async () => {
    const { task, run, deps } = await queueAndStart({ command: "echo hello; echo oops >&2; exit 3", workingDirectory: "/tmp" });
    const done = await runToEnd(run.id, deps);
    expect(done).toMatchObject({ status: "failed", exitCode: 3, attempt: 1 });
    expect(await logOf(run.id)).toMatch(/hello[\s\S]*oops/);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("failed");
  });

  it("stores a log up to the cap, then one truncation marker, and still records the exit", async () => {
    const { run, deps } = await queueAndStart({ command: "head -c 300000 /dev/zero | tr '\\0' x; echo; echo tail-line", workingDirectory: "/tmp" });
    const done = await runToEnd(run.id, deps);
    expect(done).toMatchObject({ status: "succeeded", exitCode: 0, logTruncated: true, logBytes: 300_011 });
    const log = await logOf(run.id);
    expect(log).toContain("[gridshift] log truncated: more than 65536 bytes");
    expect(log.match(/log truncated/g)).toHaveLength(1);
    expect(log).not.toContain("tail-line");
    // Exactly the first 64 KiB of output, then the marker.
    expect(log.startsWith("x".repeat(64 * 1024) + "\n[gridshift] log truncated")).toBe(true);
  });

  it("never starts the same run twice when start and tick jobs repeat", async () => {
    const { task, run, deps } = await queueAndStart({ command: "echo once >> marker.txt; echo done", workingDirectory: "/tmp" });
    await jobs.startRun(run.id, deps);
    await jobs.tick(deps);
    await runToEnd(run.id, deps);
    await jobs.startRun(run.id, deps);
    expect(await db().run.count({ where: { taskId: task.id } })).toBe(1);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("succeeded");
  });

  it("kills a running task when it is cancelled", async () => {
    const { task, run, deps, organisationId } = await queueAndStart({ command: "sleep 60", workingDirectory: "/tmp" });
    await cancelTask(organisationId, task.id);
    const done = await runToEnd(run.id, deps);
    expect(done.status).toBe("cancelled");
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("cancelled");
  });

  it("times out a run and retries the task when it allows", async () => {
    const { task, run, deps } = await queueAndStart({ command: "sleep 60", workingDirectory: "/tmp", timeoutMinutes: 1, maxRetries: 1 });
    const later = new Date(Date.now() + 2 * 60_000);
    await jobs.watchRun(run.id, { addJob: deps.addJob, log: deps.log }, later, "test-watcher");
    const done = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.status).toBe("timed_out");
    const requeued = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(requeued.status).toBe("queued");
    expect(requeued.planReason).toContain("retrying");
  });

  it("lets only one watcher chain look after a run, and takes over from a dead one", async () => {
    const { run, deps } = await queueAndStart({ command: "sleep 30", workingDirectory: "/tmp" });
    const { unsafeTakeWatchLease, WATCH_LEASE_MS } = await import("@/lib/data/worker-runs");
    const now = new Date();
    expect(await unsafeTakeWatchLease(run.id, "chain-a", now)).toBe(true);
    expect(await unsafeTakeWatchLease(run.id, "chain-b", new Date(now.getTime() + 1000))).toBe(false);
    expect(await unsafeTakeWatchLease(run.id, "chain-a", new Date(now.getTime() + 2000))).toBe(true);
    expect(await unsafeTakeWatchLease(run.id, "chain-b", new Date(now.getTime() + 2000 + WATCH_LEASE_MS + 1))).toBe(true);
    const { cancelTask: cancel } = await import("@/lib/data/tasks");
    const row = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { task: true } });
    await cancel(row.organisationId, row.taskId);
    await jobs.watchRun(run.id, { addJob: deps.addJob, log: deps.log }, new Date(now.getTime() + 3000 + WATCH_LEASE_MS), "chain-b");
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
  });

  it("pauses an interruptible run outside its planned pieces and resumes it inside one", async () => {
    const { task, run, deps } = await queueAndStart({ command: "sleep 20", workingDirectory: "/tmp", interruptible: true });
    const t0 = Date.now();
    const pieces = [
      { start: new Date(t0 - 60_000).toISOString(), end: new Date(t0 + 60_000).toISOString() },
      { start: new Date(t0 + 10 * 60_000).toISOString(), end: new Date(t0 + 30 * 60_000).toISOString() },
    ];
    await db().task.update({ where: { id: task.id }, data: { plannedPieces: pieces } });
    const look = (at: number) => jobs.watchRun(run.id, { addJob: deps.addJob, log: deps.log }, new Date(at), "test-watcher");
    await look(t0 + 5 * 60_000); // between the pieces
    const paused = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(paused.status).toBe("paused");
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("paused");
    // The process state letter in /proc/<pid>/stat: T is stopped (SIGSTOP).
    const state = async (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1][0];
    expect(await state(paused.processGroupId!)).toBe("T");
    await look(t0 + 11 * 60_000); // inside the second piece
    const resumed = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { pieces: { orderBy: { startedAt: "asc" } } } });
    expect(resumed.status).toBe("running");
    expect(resumed.pausedSeconds).toBe(360);
    expect(resumed.pieces).toHaveLength(2);
    expect(await state(resumed.processGroupId!)).not.toBe("T");
    const { cancelTask: cancel } = await import("@/lib/data/tasks");
    await cancel(resumed.organisationId, task.id);
    await look(t0 + 12 * 60_000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
  });

  it("records a pause or resume that reached the process but not the database", async () => {
    const { task, run, deps } = await queueAndStart({ command: "sleep 20", workingDirectory: "/tmp", interruptible: true });
    const t0 = Date.now();
    const pieces = [
      { start: new Date(t0 - 60_000).toISOString(), end: new Date(t0 + 60_000).toISOString() },
      { start: new Date(t0 + 10 * 60_000).toISOString(), end: new Date(t0 + 30 * 60_000).toISOString() },
    ];
    await db().task.update({ where: { id: task.id }, data: { plannedPieces: pieces } });
    const { executorFor } = await import("@/worker/executors");
    const { unsafeLoadRun } = await import("@/lib/data/worker-runs");
    const { executor } = executorFor((await unsafeLoadRun(run.id))!.server);
    const look = (at: number) => jobs.watchRun(run.id, { addJob: deps.addJob, log: deps.log }, new Date(at), "test-watcher");

    // Stopped on the server, still "running" in the store.
    await executor.pause(run.id);
    await look(t0 + 5 * 60_000);
    const paused = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { pieces: true } });
    expect(paused.status).toBe("paused");
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("paused");
    expect(paused.pieces.map((p) => p.endedAt?.getTime())).toEqual([t0 + 5 * 60_000]);

    // Running again on the server, still "paused" in the store.
    await executor.resume(run.id);
    await look(t0 + 11 * 60_000);
    const resumed = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { pieces: { orderBy: { startedAt: "asc" } } } });
    expect(resumed.status).toBe("running");
    expect(resumed.pausedSeconds).toBe(360);
    expect(resumed.pieces).toHaveLength(2);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("running");
    await cancelTask(resumed.organisationId, task.id);
    await look(t0 + 12 * 60_000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
  });

  it("plans a running interruptible run again when its piece ends: it goes on without a pause when the new plan says now, and pauses when it says wait", async () => {
    const { storeReadings } = await import("@/lib/data/intensity");
    const zone = "uk:region:8";
    // Planned yesterday: a piece that ends now, then four hours tomorrow.
    const { organisationId, task, run, deps, t0, slot, tomorrow, look } = await interruptibleRunOn(zone, "piecewise", (t) => ({ start: t - 60_000, end: t }));
    const status = async () => (await db().run.findUniqueOrThrow({ where: { id: run.id } })).status;
    const forecast = (gCO2PerKWh: (start: number) => number) => forecastFrom(slot, gCO2PerKWh);

    // Past the piece, the watcher asks for a plan instead of pausing on yesterday's.
    deps.queue.length = 0;
    await look(t0 + 5_000);
    expect(await status()).toBe("running");
    expect(deps.queue.map((j) => j.name)).toContain("tick");

    // Today the grid is green from now on: the plan says go on, and the run never stops.
    await storeReadings(zone, forecast(() => 40), new Date(t0 + 6_000));
    await jobs.tick(deps, new Date(t0 + 6_000));
    const goOn = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(Date.parse((goOn.plannedPieces as { start: string }[])[0].start)).toBe(t0 + 6_000);
    expect(goOn.planReason).toMatch(/^continuing on piecewise/);
    await look(t0 + 8_000);
    const ranOn = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { pieces: true } });
    expect(ranOn.status).toBe("running");
    expect(ranOn.pieces).toHaveLength(1);

    // Say that piece ends at once and the grid turns dirty but for four hours from two hours on: the plan says wait, so it pauses.
    await db().task.update({ where: { id: task.id }, data: { plannedPieces: [{ start: new Date(t0 + 6_000).toISOString(), end: new Date(t0 + 10_000).toISOString() }, tomorrow] } });
    await look(t0 + 11_000);
    expect(await status()).toBe("running");
    await storeReadings(zone, forecast((start) => (start >= slot + 2 * 3_600_000 && start < slot + 6 * 3_600_000 ? 40 : 300)), new Date(t0 + 12_000));
    await jobs.tick(deps, new Date(t0 + 12_000));
    const waiting = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    expect(Date.parse((waiting.plannedPieces as { start: string }[])[0].start)).toBe(slot + 2 * 3_600_000);
    await look(t0 + 14_000);
    expect(await status()).toBe("paused");

    await cancelTask(organisationId, task.id);
    await look(t0 + 16_000);
    expect(await status()).toBe("cancelled");
  });

  it("pauses a running run past its piece at once when the tick has planned it again and kept its plan", async () => {
    const { organisationId, task, run, deps, t0, look } = await interruptibleRunOn("uk:region:9", "left-out", (t) => ({ start: t - 60_000, end: t }));
    const status = async () => (await db().run.findUniqueOrThrow({ where: { id: run.id } })).status;
    await look(t0 + 5_000);
    expect(await status()).toBe("running"); // asked for a plan
    // The tick leaves the server out (local servers turned off meanwhile), so no new plan can come.
    const before = process.env.GRIDSHIFT_LOCAL_SERVERS;
    process.env.GRIDSHIFT_LOCAL_SERVERS = "off";
    try {
      await jobs.tick(deps, new Date(t0 + 6_000));
    } finally {
      process.env.GRIDSHIFT_LOCAL_SERVERS = before;
    }
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).plannedAt).toEqual(new Date(t0 + 6_000));
    deps.queue.length = 0;
    await look(t0 + 8_000);
    expect(await status()).toBe("paused");
    expect(deps.queue.map((j) => j.name)).not.toContain("tick");
    await cancelTask(organisationId, task.id);
    await look(t0 + 10_000);
    expect(await status()).toBe("cancelled");
  });

  it("pauses a running run past its piece on the old plan when no new plan comes within the grace", async () => {
    const { REPLAN_GRACE_MS } = await import("@/lib/domain/run-watch");
    const { task, run, deps, organisationId } = await queueAndStart({ command: "sleep 20", workingDirectory: "/tmp", interruptible: true });
    const t0 = Date.now();
    const pieces = [{ start: new Date(t0 - 60_000).toISOString(), end: new Date(t0).toISOString() }, { start: new Date(t0 + 3_600_000).toISOString(), end: new Date(t0 + 7_200_000).toISOString() }];
    await db().task.update({ where: { id: task.id }, data: { plannedPieces: pieces } });
    const look = (at: number) => jobs.watchRun(run.id, { addJob: deps.addJob, log: deps.log }, new Date(at), "test-watcher");
    await look(t0 + REPLAN_GRACE_MS - 1000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("running");
    await look(t0 + REPLAN_GRACE_MS);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("paused");
    await cancelTask(organisationId, task.id);
    await look(t0 + REPLAN_GRACE_MS + 1000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
  });

  it("plans a paused interruptible run again every tick: it waits for the next green hours, and resumes at once when they are now", async () => {
    const { storeReadings } = await import("@/lib/data/intensity");
    const zone = "uk:region:7";
    // Its first piece ended two minutes ago (past the grace for a new plan): it is paused outside it.
    const { organisationId, task, run, deps, t0, slot, look } = await interruptibleRunOn(zone, "resumable", (t) => ({ start: t - 180_000, end: t - 120_000 }));
    await look(t0 + 30_000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("paused");

    // Today's forecast: dirty until two hours from now, then four green hours.
    const forecast = (greenFrom: number) => forecastFrom(slot, (start) => (start >= greenFrom && start < greenFrom + 4 * 3_600_000 ? 40 : 300));
    const now = t0 + 60_000;
    await storeReadings(zone, forecast(slot + 2 * 3_600_000), new Date(now));
    await jobs.tick(deps, new Date(now));
    const waiting = await db().task.findUniqueOrThrow({ where: { id: task.id } });
    const pieces = waiting.plannedPieces as { start: string; end: string }[];
    expect(Date.parse(pieces[0].start)).toBe(slot + 2 * 3_600_000);
    // Two hours ahead may be tomorrow, which the reason names ("Sat 5 Dec 01:30 UTC").
    expect(waiting.planReason).toMatch(/^waiting for (\w{3} \d{1,2} \w{3} )?\d\d:\d\d UTC on resumable/);
    expect(waiting.status).toBe("paused");
    await look(now + 30_000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("paused");

    // The green hours come early: the next tick resumes the run.
    const later = now + 60_000;
    await storeReadings(zone, forecast(slot - 1_800_000), new Date(later));
    await jobs.tick(deps, new Date(later));
    const resumedPlan = (await db().task.findUniqueOrThrow({ where: { id: task.id } })).plannedPieces as { start: string }[];
    expect(Date.parse(resumedPlan[0].start)).toBe(later);
    await look(later + 1000);
    const resumed = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { pieces: true } });
    expect(resumed.status).toBe("running");
    expect(resumed.pieces).toHaveLength(2);

    // A plan worked out while the run was paused is not written once it has resumed.
    const { unsafeSaveResumePlans } = await import("@/lib/data/worker-runs");
    const stale = [{ start: new Date(slot + 10 * 3_600_000).toISOString(), end: new Date(slot + 14 * 3_600_000).toISOString() }];
    expect(await unsafeSaveResumePlans([{ taskId: task.id, runId: run.id, runStatus: "paused", reason: "stale", pieces: stale }], new Date(later + 1500))).toBe(0);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).planReason).not.toBe("stale");

    await cancelTask(organisationId, task.id);
    await look(later + 2000);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("cancelled");
  });

  it("gives up starting on an unreachable server after the attempts allowed, counted in the database", async () => {
    const { organisationId } = await seedTenant("wk");
    const { createServer } = await import("@/lib/data/servers");
    const { ZServerInput } = await import("@/lib/validation/server");
    const START_MAX_ATTEMPTS = (await import("@/worker/jobs/catalogue")).runSettings().startMaxAttempts;
    const server = await createServer(organisationId, ZServerInput.parse({ name: "closed", kind: "ssh", host: "127.0.0.1", port: 9, username: "u", authMethod: "password", password: "p", gridZone: "uk:national" }));
    const task = await seedTask(organisationId, server.id, { carbonPolicy: "run_now" });
    const deps = recorder();
    await jobs.tick(deps);
    const run = await db().run.findFirstOrThrow({ where: { taskId: task.id } });
    for (let i = 1; i < START_MAX_ATTEMPTS; i++) await expect(jobs.startRun(run.id, deps)).rejects.toThrow(/reach|refused/i);
    await jobs.startRun(run.id, deps);
    const failed = await db().run.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed).toMatchObject({ status: "failed", startAttempts: START_MAX_ATTEMPTS });
    expect(failed.errorMessage).toContain(`could not start after ${START_MAX_ATTEMPTS} attempts`);
    expect((await db().server.findUniqueOrThrow({ where: { id: server.id } })).lastConnectionError).toMatch(/reach|refused/i);
  });

  it("fails a run whose working directory does not exist, with the reason", async () => {
    const { run, deps } = await queueAndStart({ command: "true", workingDirectory: "/nonexistent/gridshift dir" });
    const done = await runToEnd(run.id, deps);
    expect(done.status).toBe("failed");
    expect(done.errorMessage ?? (await logOf(run.id))).toMatch(/nonexistent|directory/i);
  });
});
