// The tick's cost stays flat when nothing changed: an unchanged plan keeps its row and its
// dispatch job, and a live watcher chain keeps its job (re-adding it would end the chain); a
// standby waits for the lease to lapse.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedServer, seedTask, seedTenant } from "@/lib/testing/factories";
import { switchToIsolatedDatabase } from "@/lib/testing/test-db";
import type { AddJob, JobName, JobPayloads } from "@/worker/jobs/catalogue";

process.env.GRIDSHIFT_LOCAL_RUNS_ROOT = mkdtempSync(path.join(os.tmpdir(), "gridshift-tick-runs-"));

let tickModule: typeof import("@/worker/jobs/tick");
let restoreDatabase: () => Promise<void>;

beforeAll(async () => {
  restoreDatabase = await switchToIsolatedDatabase("tick");
  tickModule = await import("@/worker/jobs/tick");
});

afterAll(async () => restoreDatabase());

function recorder() {
  const queue: { name: JobName; payload: JobPayloads[JobName] }[] = [];
  const specs: { jobKey?: string; runAt?: Date }[] = [];
  const addJob: AddJob = async (name, payload, spec) => {
    queue.push({ name, payload });
    specs.push({ jobKey: spec?.jobKey, runAt: spec?.runAt });
  };
  return { queue, specs, addJob, log: () => {} };
}

describe("tick", () => {
  it("leaves an unchanged waiting plan and its dispatch job alone, and a live watcher's job too", async () => {
    const { organisationId } = await seedTenant("tick");
    const server = await seedServer(organisationId, { name: "one-slot", kind: "local", maxConcurrentTasks: 1 });
    const first = await seedTask(organisationId, server.id, { carbonPolicy: "run_now", command: "sleep 30", expectedDurationMinutes: 10 });
    const second = await seedTask(organisationId, server.id, { carbonPolicy: "run_now", command: "true", expectedDurationMinutes: 10 });
    const now = new Date();

    const a = recorder();
    await tickModule.tick(a, now);
    const run = await db().run.findFirstOrThrow({ where: { taskId: first.id } });
    const waiting = await db().task.findUniqueOrThrow({ where: { id: second.id } });
    expect(waiting.status).toBe("planned");
    expect(a.queue).toContainEqual({ name: "dispatch-task", payload: { taskId: second.id } });

    // The run is being watched (a fresh lease): the next tick leaves the chain's job alone and
    // only schedules a standby for the moment the lease would lapse, should its worker be dead.
    const { WATCH_LEASE_MS } = await import("@/lib/data/worker-runs");
    await db().run.update({ where: { id: run.id }, data: { status: "running", startedAt: now, watcherId: "live-chain", watchedAt: now } });
    const b = recorder();
    await tickModule.tick(b, new Date(now.getTime() + 1000));
    expect(b.queue).toEqual([{ name: "watch-run", payload: { runId: run.id } }]);
    expect(b.specs).toEqual([{ jobKey: `watch-standby:${run.id}`, runAt: new Date(now.getTime() + WATCH_LEASE_MS + 1000) }]);
    expect((await db().task.findUniqueOrThrow({ where: { id: second.id } })).plannedAt).toEqual(waiting.plannedAt);

    // The chain stopped looking (its lease expired): the tick hands the run to a new chain.
    const c = recorder();
    await tickModule.tick(c, new Date(now.getTime() + WATCH_LEASE_MS + 1000));
    expect(c.queue).toContainEqual({ name: "watch-run", payload: { runId: run.id } });
  });

  it("treats small drift in planned carbon as unchanged and anything else as a new plan", () => {
    const stored = {
      status: "planned", plannedStart: new Date("2026-01-01T10:00Z"), plannedServerId: "s", planReason: "r",
      plannedCarbonG: 100, counterfactualCarbonG: 200, plannedPieces: null,
    } as unknown as Parameters<typeof tickModule.planUnchanged>[0];
    const plan = { taskId: "t", serverId: "s", start: new Date("2026-01-01T10:00Z"), reason: "r", expectedCarbonG: 100.5, counterfactualCarbonG: 199, pieces: [] };
    expect(tickModule.planUnchanged(stored, plan)).toBe(true);
    expect(tickModule.planUnchanged(stored, { ...plan, expectedCarbonG: 110 })).toBe(false);
    expect(tickModule.planUnchanged(stored, { ...plan, start: new Date("2026-01-01T10:30Z") })).toBe(false);
    expect(tickModule.planUnchanged(stored, { ...plan, reason: "other" })).toBe(false);
    expect(tickModule.planUnchanged(stored, { ...plan, serverId: "other" })).toBe(false);
    expect(tickModule.planUnchanged(undefined, plan)).toBe(false);
  });

  it("compares stored pieces by their times: jsonb's key order is no change, a moved piece is", () => {
    const piece = { start: "2026-01-01T10:00:00.000Z", end: "2026-01-01T11:00:00.000Z" };
    const stored = {
      status: "planned", plannedStart: new Date(piece.start), plannedServerId: "s", planReason: "r",
      plannedCarbonG: 100, counterfactualCarbonG: 200, plannedPieces: [{ end: piece.end, start: piece.start }],
    } as unknown as Parameters<typeof tickModule.planUnchanged>[0];
    const plan = { taskId: "t", serverId: "s", start: new Date(piece.start), reason: "r", expectedCarbonG: 100, counterfactualCarbonG: 200, pieces: [piece] };
    expect(tickModule.planUnchanged(stored, plan)).toBe(true);
    expect(tickModule.planUnchanged(stored, { ...plan, pieces: [{ ...piece, end: "2026-01-01T11:30:00.000Z" }] })).toBe(false);
    expect(tickModule.planUnchanged(stored, { ...plan, pieces: [piece, { start: "2026-01-01T12:00:00.000Z", end: "2026-01-01T13:00:00.000Z" }] })).toBe(false);
  });
});
