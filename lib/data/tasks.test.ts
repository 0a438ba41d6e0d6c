import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { cancelTask, createTask, deleteTask, getTask, listTasks, reorderTasks, updateTask } from "@/lib/data/tasks";
import type { TaskStatus } from "@/lib/generated/prisma/client";
import { seedServer, seedTask, seedTenant } from "@/lib/testing/factories";
import { DEADLINE_MESSAGES, ZTaskInput, type TTaskInput } from "@/lib/validation/task";

const YEAR_10000 = new Date("+010000-01-01T00:00:00Z");

describe("tasks data module", () => {
  it("appends to the server's queue and reorders it", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const [a, b, c] = [await seedTask(organisationId, server.id, { name: "a" }), await seedTask(organisationId, server.id, { name: "b" }), await seedTask(organisationId, server.id, { name: "c" })];
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    const reordered = await reorderTasks(organisationId, { serverId: server.id, taskIds: [c.id, a.id, b.id] });
    expect(reordered.map((t) => t.name)).toEqual(["c", "a", "b"]);
    expect((await listTasks(organisationId, { serverId: server.id })).map((t) => t.name)).toEqual(["c", "a", "b"]);
  });

  it("refuses a reorder that does not match the queue", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const a = await seedTask(organisationId, server.id);
    await seedTask(organisationId, server.id);
    await expect(reorderTasks(organisationId, { serverId: server.id, taskIds: [a.id] })).rejects.toMatchObject({ code: "conflict" });
    await expect(reorderTasks(organisationId, { serverId: server.id, taskIds: [a.id, a.id] })).rejects.toMatchObject({ code: "validation" });
  });

  it("validates the deadline against the expected duration", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const now = new Date("2026-01-01T00:00:00Z");
    const input = ZTaskInput.parse({ serverId: server.id, name: "t", workingDirectory: "/", command: "true", expectedDurationMinutes: 120, deadline: "2026-01-01T01:00:00Z" });
    await expect(createTask(organisationId, input, null, now)).rejects.toMatchObject({ code: "validation", fieldErrors: { deadline: expect.any(Array) } });
  });

  it("a PATCH keeps omitted fields", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const task = await seedTask(organisationId, server.id, { description: "keep me", maxRetries: 3 });
    const updated = await updateTask(organisationId, task.id, { name: "renamed" });
    expect(updated).toMatchObject({ name: "renamed", description: "keep me", maxRetries: 3 });
  });

  it("cancels a queued task and refuses to delete a running one", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const task = await seedTask(organisationId, server.id);
    expect((await cancelTask(organisationId, task.id)).status).toBe("cancelled");
    await expect(cancelTask(organisationId, task.id)).rejects.toMatchObject({ code: "conflict" });
    await deleteTask(organisationId, task.id);
    await expect(getTask(organisationId, task.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("isolates organisations: every operation on another tenant's task is not found", async () => {
    const a = await seedTenant("a");
    const b = await seedTenant("b");
    const serverA = await seedServer(a.organisationId);
    const serverB = await seedServer(b.organisationId);
    const task = await seedTask(a.organisationId, serverA.id, { name: "secret job" });
    await expect(getTask(b.organisationId, task.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateTask(b.organisationId, task.id, { name: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelTask(b.organisationId, task.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteTask(b.organisationId, task.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(reorderTasks(b.organisationId, { serverId: serverA.id, taskIds: [task.id] })).rejects.toMatchObject({ code: "not_found" });
    // Nor can B queue work on A's server or move its own task there.
    await expect(seedTask(b.organisationId, serverA.id)).rejects.toMatchObject({ code: "not_found", fieldErrors: { serverId: expect.any(Array) } });
    const own = await seedTask(b.organisationId, serverB.id);
    await expect(updateTask(b.organisationId, own.id, { serverId: serverA.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await getTask(a.organisationId, task.id)).name).toBe("secret job");
  });

  it("lists why each failed or retrying task's latest run failed, in one extra query", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const [retried, coded, queued, bare] = [await seedTask(organisationId, server.id), await seedTask(organisationId, server.id), await seedTask(organisationId, server.id), await seedTask(organisationId, server.id)];
    const run = (taskId: string, attempt: number, exitCode: number | null, errorMessage: string | null) =>
      db().run.create({ data: { organisationId, taskId, serverId: server.id, attempt, status: "failed", queuedAt: new Date(), exitCode, errorMessage } });
    await run(retried.id, 1, 1, "exited with code 1");
    await run(retried.id, 2, null, "killed after the 5-minute timeout");
    await run(coded.id, 1, 4, null);
    await run(queued.id, 1, 3, "exited with code 3"); // retrying: queued to run again
    await db().task.updateMany({ where: { id: { in: [retried.id, coded.id, bare.id] } }, data: { status: "failed" } });
    const runQueries = vi.spyOn(db().run, "findMany");
    const failures = Object.fromEntries((await listTasks(organisationId, { serverId: server.id })).map((t) => [t.id, [t.failure, t.failedAttempt]]));
    expect(runQueries).toHaveBeenCalledTimes(1);
    runQueries.mockRestore();
    expect(failures).toEqual({
      [retried.id]: ["killed after the 5-minute timeout", 2],
      [coded.id]: ["exited with code 4", 1],
      [queued.id]: ["exited with code 3", 1],
      [bare.id]: [null, null],
    });
    expect((await getTask(organisationId, retried.id)).failure).toBe("killed after the 5-minute timeout");
    // Another organisation's list of the same server is empty, failures included.
    expect(await listTasks((await seedTenant("b")).organisationId, { serverId: server.id })).toEqual([]);
  });

  it("refuses a deadline past a year ahead before anything is written", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const now = new Date("2026-01-01T00:00:00Z");
    const base = { serverId: server.id, name: "far", workingDirectory: "/", command: "true", expectedDurationMinutes: 30, description: "", carbonPolicy: "greenest", maxRetries: 0, interruptible: false, eligibleServerTags: [] } satisfies Partial<TTaskInput>;
    // Straight to the data layer, as a caller that skipped the schema would.
    for (const deadline of [YEAR_10000, new Date(99999999999999), new Date("2027-01-03T00:00:00Z")]) {
      await expect(createTask(organisationId, { ...base, deadline }, null, now)).rejects.toMatchObject({ code: "validation", fieldErrors: { deadline: [DEADLINE_MESSAGES.tooFar] } });
    }
    await expect(createTask(organisationId, { ...base, deadline: new Date(Number.NaN) }, null, now)).rejects.toMatchObject({ fieldErrors: { deadline: [DEADLINE_MESSAGES.invalid] } });
    expect(await listTasks(organisationId, { serverId: server.id })).toEqual([]);
    const task = await createTask(organisationId, { ...base, deadline: new Date("2026-12-31T00:00:00Z") }, null, now);
    await expect(updateTask(organisationId, task.id, { deadline: YEAR_10000 }, now)).rejects.toMatchObject({ fieldErrors: { deadline: [DEADLINE_MESSAGES.tooFar] } });
    expect((await getTask(organisationId, task.id)).deadline).toBe("2026-12-31T00:00:00.000Z");
  });

  it("still lists a task whose stored deadline cannot be read back (a 5-digit year)", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const task = await seedTask(organisationId, server.id);
    await db().task.update({ where: { id: task.id }, data: { deadline: YEAR_10000 } }); // a row written before the bound existed
    expect((await listTasks(organisationId, { serverId: server.id })).map((t) => [t.id, t.deadline])).toEqual([[task.id, null]]);
    expect((await getTask(organisationId, task.id)).deadline).toBeNull();
  });

  it.each<[TaskStatus, RegExp]>([
    ["running", /has started \(running\), so it cannot be edited/],
    ["paused", /has started \(paused\), so it cannot be edited/],
    ["succeeded", /has finished \(succeeded\), so it cannot be edited/],
    ["failed", /has finished \(failed\), so it cannot be edited/],
    ["cancelled", /has finished \(cancelled\), so it cannot be edited/],
  ])("refuses to edit a %s task with a conflict saying why", async (status, why) => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const other = await seedServer(organisationId);
    const task = await seedTask(organisationId, server.id, { command: "echo original" });
    await db().task.update({ where: { id: task.id }, data: { status } });
    await expect(updateTask(organisationId, task.id, { command: "echo rewritten" })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(why) });
    await expect(updateTask(organisationId, task.id, { serverId: other.id })).rejects.toMatchObject({ code: "conflict" });
    expect(await getTask(organisationId, task.id)).toMatchObject({ status, command: "echo original", serverId: server.id });
  });

  it("edits a planned task and sends it back to be planned again", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const task = await seedTask(organisationId, server.id, { interruptible: true });
    const start = new Date(Date.now() + 3_600_000);
    await db().task.update({
      where: { id: task.id },
      data: { status: "planned", plannedStart: start, plannedServerId: server.id, planReason: "waiting", plannedPieces: [{ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString() }] },
    });
    expect(await updateTask(organisationId, task.id, { command: "echo edited" })).toMatchObject({ status: "queued", command: "echo edited", plannedStart: null, planReason: null });
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ plannedServerId: null, plannedPieces: null });
  });

  it("judges a threshold on the task as it will be, not on the patch alone", async () => {
    const { organisationId } = await seedTenant("q");
    const server = await seedServer(organisationId);
    const threshold = await seedTask(organisationId, server.id, { carbonPolicy: "threshold", carbonThresholdGPerKwh: 100 });
    await expect(updateTask(organisationId, threshold.id, { carbonThresholdGPerKwh: null })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { carbonThresholdGPerKwh: ["Give a threshold in g/kWh or an index band"] },
    });
    expect((await getTask(organisationId, threshold.id)).carbonThresholdGPerKwh).toBe(100);
    // A band left in place still satisfies the policy, and leaving the policy drops the need.
    expect(await updateTask(organisationId, threshold.id, { carbonIndexBand: "low", carbonThresholdGPerKwh: null })).toMatchObject({ carbonThresholdGPerKwh: null, carbonIndexBand: "low" });
    expect(await updateTask(organisationId, threshold.id, { carbonPolicy: "greenest", carbonIndexBand: null })).toMatchObject({ carbonPolicy: "greenest", carbonIndexBand: null });
    await expect(updateTask(organisationId, threshold.id, { carbonPolicy: "threshold" })).rejects.toMatchObject({ code: "validation" });
    // A stored threshold counts when only the policy changes.
    const kept = await seedTask(organisationId, server.id, { carbonThresholdGPerKwh: 150 });
    expect(await updateTask(organisationId, kept.id, { carbonPolicy: "threshold" })).toMatchObject({ carbonPolicy: "threshold", carbonThresholdGPerKwh: 150 });
  });
});
