import { describe, expect, it } from "vitest";
import { cancelTask, createTask, deleteTask, getTask, listTasks, reorderTasks, updateTask } from "@/lib/data/tasks";
import { seedServer, seedTask, seedTenant } from "@/lib/testing/factories";
import { ZTaskInput } from "@/lib/validation/task";

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
});
