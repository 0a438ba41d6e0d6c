import { describe, expect, it } from "vitest";
import { planTick } from "@/lib/domain/planner";
import { baseConfig, halfHourly } from "@/lib/domain/planner/test-helpers";
import {
  eligibleServers,
  expectedTaskPowerWatts,
  indexServers,
  noServerReason,
  plannableDeadline,
  priorityOrder,
  toPlannerServer,
  toPlannerTask,
  withServerNames,
  type StoredServer,
  type StoredTask,
} from "@/lib/domain/planning-input";

const server = (over: Partial<StoredServer> = {}): StoredServer => ({
  id: "s1", name: "gpu-1", organisationId: "o1", kind: "ssh", gridZone: "uk:national", tags: [], maxConcurrentTasks: 1,
  cpuTdpWatts: 100, vcpusTotal: 8, vcpusAvailable: 8, memoryGb: 10, hostKeyMismatch: null, ...over,
});

const task = (over: Partial<StoredTask> = {}): StoredTask => ({
  id: "t1", organisationId: "o1", serverId: "s1", position: 0, createdAt: new Date("2026-01-01T00:00:00Z"), expectedDurationMinutes: 60,
  deadline: null, carbonPolicy: "greenest", carbonThresholdGPerKwh: null, carbonIndexBand: null, interruptible: false,
  eligibleServerTags: [], plannedStart: null, plannedServerId: null, ...over,
});

describe("planning input", () => {
  it("estimates a task's draw from the hardware profile (Teads at 50 % plus CCF memory)", () => {
    expect(expectedTaskPowerWatts(server())).toBeCloseTo(100 * 0.75 + 10 * 0.392, 10);
    expect(expectedTaskPowerWatts(server({ vcpusAvailable: 4, maxConcurrentTasks: 2 }))).toBeCloseTo((100 * 0.75 * 0.5) / 2 + (10 * 0.392) / 2, 10);
  });

  it("offers a task its own server and same-organisation servers sharing a tag, never a refused one", () => {
    const servers = [server(), server({ id: "s2", tags: ["gpu"] }), server({ id: "s3", tags: ["gpu"], organisationId: "other" }), server({ id: "s4", tags: ["gpu"], hostKeyMismatch: "SHA256:x" })];
    const index = indexServers(servers, { localServers: true });
    expect(eligibleServers(task({ eligibleServerTags: ["gpu"] }), index).sort()).toEqual(["s1", "s2"]);
    expect(eligibleServers(task(), index)).toEqual(["s1"]);
    expect(eligibleServers(task({ serverId: "s4" }), index)).toEqual([]);
    expect(eligibleServers(task({ serverId: "s3" }), index)).toEqual([]);
  });

  it("leaves out local servers when they are turned off, and says what a task left without a server needs", () => {
    const servers = [server(), server({ id: "s2", name: "laptop", kind: "local", tags: ["gpu"] }), server({ id: "s3", name: "old-box", hostKeyMismatch: "SHA256:x" })];
    const off = indexServers(servers, { localServers: false });
    expect([...off.byId.keys()]).toEqual(["s1"]);
    expect(eligibleServers(task({ serverId: "s2" }), off)).toEqual([]);
    expect(noServerReason(task({ serverId: "s2" }), off)).toBe(
      "not planned: laptop cannot run tasks: local servers are turned off on this installation (GRIDSHIFT_LOCAL_SERVERS)",
    );
    expect(noServerReason(task({ serverId: "s3", eligibleServerTags: ["gpu"] }), off)).toBe(
      "not planned: old-box cannot run tasks: its host key changed (now SHA256:x); re-pin it on the server's page if that was expected, and no other server with tag gpu can take it",
    );
    expect(noServerReason(task({ serverId: "gone" }), off)).toBe("not planned: no eligible server");
    const on = indexServers(servers, { localServers: true });
    expect([...on.byId.keys()]).toEqual(["s1", "s2"]);
    expect(on.unusable.has("s2")).toBe(false);
  });

  it("holds a slot for an overrunning run", () => {
    const now = new Date("2026-01-01T02:00:00Z");
    const planned = toPlannerServer(server(), [{ serverId: "s1", startedAt: new Date("2026-01-01T00:00:00Z"), expectedMinutes: 60 }], now);
    expect(planned.busy[0].end.getTime()).toBe(now.getTime() + 5 * 60_000);
  });

  it("orders by queue position, then by age", () => {
    const a = task({ id: "a", position: 1 });
    const b = task({ id: "b", position: 0, createdAt: new Date("2026-01-02T00:00:00Z") });
    const c = task({ id: "c", position: 0 });
    expect(priorityOrder([a, b, c]).map((t) => t.id)).toEqual(["c", "b", "a"]);
  });

  it("puts server names into the planner's reasons", () => {
    const id = "cmwsvdtk000033q7dr72jlw2u";
    const names = new Map([[id, "gpu-1"]]);
    expect(withServerNames(`waiting for 02:30 UTC on ${id} (uk:national)`, names)).toBe("waiting for 02:30 UTC on gpu-1 (uk:national)");
    expect(withServerNames("no forecast for zone uk:national; starting now", names)).toBe("no forecast for zone uk:national; starting now");
  });

  it.each([
    ["no deadline", null, undefined],
    ["an unreadable deadline (Invalid Date, as a 5-digit year reads back)", new Date(Number.NaN), undefined],
    ["an ordinary deadline", new Date("2026-01-02T00:00:00Z"), new Date("2026-01-02T00:00:00Z")],
    ["a deadline past year 9999", new Date("+010000-01-01T00:00:00Z"), new Date(Date.UTC(9999, 11, 31, 23, 59, 59))],
    ["the last date JavaScript knows", new Date(8.64e15), new Date(Date.UTC(9999, 11, 31, 23, 59, 59))],
  ])("gives the planner a usable deadline for %s", (_label, stored, expected) => {
    expect(plannableDeadline(stored)).toEqual(expected);
    expect(toPlannerTask(task({ deadline: stored }), indexServers([server()], { localServers: true }), 0).deadline).toEqual(expected);
  });

  it("drops a last plan whose start cannot be read", () => {
    const index = indexServers([server()], { localServers: true });
    expect(toPlannerTask(task({ plannedStart: new Date(Number.NaN), plannedServerId: "s1" }), index, 0).current).toBeUndefined();
  });

  it("one task with an unusable deadline cannot break the tick for the others", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const servers = [server(), server({ id: "s2", organisationId: "o2" })];
    const index = indexServers(servers, { localServers: true });
    const healthy = task({ id: "healthy", organisationId: "o2", serverId: "s2", deadline: new Date("2026-01-01T06:00:00Z") });
    const stored = [
      task({ id: "invalid", deadline: new Date(Number.NaN) }),
      task({ id: "far", position: 1, deadline: new Date("+275000-01-01T00:00:00Z") }),
      task({ id: "epoch-ms", position: 2, deadline: new Date(99999999999999) }),
      healthy,
    ];
    const plan = (tasks: StoredTask[]) =>
      planTick({
        now,
        tasks: priorityOrder(tasks).map((t, i) => toPlannerTask(t, index, i)),
        servers: servers.map((s) => toPlannerServer(s, [], now)),
        forecasts: [{ zone: "uk:national", readings: halfHourly([300, 300, 200, 50, 40, 300, 300, 300, 300, 300, 300, 300], now.getTime()) }],
        config: baseConfig,
      });
    const decisions = plan(stored);
    expect(decisions.map((d) => d.action)).not.toContain("infeasible");
    // The healthy task of another organisation is planned exactly as if it were alone.
    expect(decisions.find((d) => d.taskId === "healthy")).toEqual(plan([healthy])[0]);
  });
});
