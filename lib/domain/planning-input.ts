// Maps stored tasks and servers to the planner's input. Pure.
import type { CarbonPolicy, IndexBand, PlannerServer, PlannerTask } from "@/lib/domain/planner";

export type StoredServer = {
  id: string;
  name: string;
  organisationId: string;
  kind: "ssh" | "local";
  gridZone: string;
  tags: string[];
  maxConcurrentTasks: number;
  cpuTdpWatts: number;
  vcpusTotal: number;
  vcpusAvailable: number;
  memoryGb: number;
  hostKeyMismatch: string | null;
};

export type StoredTask = {
  id: string;
  organisationId: string;
  serverId: string;
  position: number;
  createdAt: Date;
  expectedDurationMinutes: number;
  deadline: Date | null;
  carbonPolicy: "greenest" | "threshold" | "run_now";
  carbonThresholdGPerKwh: number | null;
  carbonIndexBand: string | null;
  interruptible: boolean;
  eligibleServerTags: string[];
  plannedStart: Date | null;
  plannedServerId: string | null;
};

export type ActiveRun = { serverId: string; startedAt: Date | null; expectedMinutes: number };

// Teads curve at 50 % utilisation (0.75 of TDP), the expected load of a busy task when it
// has not been measured yet; memory at CCF's 0.392 W/GB.
const CPU_FACTOR_AT_HALF_LOAD = 0.75;
const MEMORY_WATTS_PER_GB = 0.392;

export function expectedTaskPowerWatts(s: Pick<StoredServer, "cpuTdpWatts" | "vcpusTotal" | "vcpusAvailable" | "memoryGb" | "maxConcurrentTasks">): number {
  const cpuShare = s.vcpusAvailable / s.vcpusTotal / s.maxConcurrentTasks;
  return s.cpuTdpWatts * CPU_FACTOR_AT_HALF_LOAD * cpuShare + (s.memoryGb * MEMORY_WATTS_PER_GB) / s.maxConcurrentTasks;
}

export function toPlannerServer(server: StoredServer, active: ActiveRun[], now: Date): PlannerServer {
  const busy = active
    .filter((r) => r.serverId === server.id)
    .map((r) => {
      const start = r.startedAt ?? now;
      const expectedEnd = start.getTime() + r.expectedMinutes * 60_000;
      // An overrunning task still holds its slot: assume it needs a few more minutes.
      return { start, end: new Date(Math.max(expectedEnd, now.getTime() + 5 * 60_000)) };
    });
  return { id: server.id, zone: server.gridZone, maxConcurrent: server.maxConcurrentTasks, powerWatts: expectedTaskPowerWatts(server), busy };
}

export function policyOf(task: StoredTask): CarbonPolicy {
  if (task.carbonPolicy === "run_now") return { kind: "run_now" };
  if (task.carbonPolicy === "threshold") {
    return { kind: "threshold", maxGPerKWh: task.carbonThresholdGPerKwh ?? undefined, maxIndexBand: (task.carbonIndexBand as IndexBand | null) ?? undefined };
  }
  return { kind: "greenest" };
}

/** Why the worker will not run tasks on a server now, or null when it will. */
export function unusableBecause(server: Pick<StoredServer, "kind" | "hostKeyMismatch">, settings: { localServers: boolean }): string | null {
  if (server.hostKeyMismatch) return `its host key changed (now ${server.hostKeyMismatch}); re-pin it on the server's page if that was expected`;
  if (server.kind === "local" && !settings.localServers) return "local servers are turned off on this installation (GRIDSHIFT_LOCAL_SERVERS)";
  return null;
}

/** Usable servers, by id and by organisation, and why the others are not: built once per tick. */
export type ServerIndex = { byId: Map<string, StoredServer>; byOrganisation: Map<string, StoredServer[]>; unusable: Map<string, { name: string; why: string }> };

export function indexServers(servers: StoredServer[], settings: { localServers: boolean }): ServerIndex {
  const byId = new Map<string, StoredServer>();
  const byOrganisation = new Map<string, StoredServer[]>();
  const unusable = new Map<string, { name: string; why: string }>();
  for (const s of servers) {
    const why = unusableBecause(s, settings);
    if (why) {
      unusable.set(s.id, { name: s.name, why });
      continue;
    }
    byId.set(s.id, s);
    const list = byOrganisation.get(s.organisationId);
    if (list) list.push(s);
    else byOrganisation.set(s.organisationId, [s]);
  }
  return { byId, byOrganisation, unusable };
}

/** Eligible servers: the task's own, plus same-organisation servers sharing one of its tags. */
export function eligibleServers(task: StoredTask, index: ServerIndex): string[] {
  const ids = new Set<string>();
  if (index.byId.get(task.serverId)?.organisationId === task.organisationId) ids.add(task.serverId);
  if (task.eligibleServerTags.length) {
    for (const s of index.byOrganisation.get(task.organisationId) ?? []) {
      if (s.tags.some((t) => task.eligibleServerTags.includes(t))) ids.add(s.id);
    }
  }
  return [...ids];
}

// The planner searches at most 7 days ahead, so any deadline past year 9999 plans exactly like
// one in 9999; clamping keeps every date the planner handles one that storage can hold.
const LATEST_PLANNABLE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

const isUsable = (d: Date | null | undefined): d is Date => d instanceof Date && Number.isFinite(d.getTime());

/**
 * A stored deadline as the planner should see it. An unreadable one (a 5-digit year comes back
 * from PostgreSQL as an Invalid Date) counts as none: one bad row must not stop every tick.
 */
export function plannableDeadline(deadline: Date | null): Date | undefined {
  if (!isUsable(deadline)) return undefined;
  return deadline.getTime() > LATEST_PLANNABLE_MS ? new Date(LATEST_PLANNABLE_MS) : deadline;
}

export function toPlannerTask(task: StoredTask, index: ServerIndex, priority: number): PlannerTask {
  return {
    id: task.id,
    durationMinutes: task.expectedDurationMinutes,
    deadline: plannableDeadline(task.deadline),
    priority,
    policy: policyOf(task),
    eligibleServerIds: eligibleServers(task, index),
    interruptible: task.interruptible,
    queuedAt: task.createdAt,
    current: isUsable(task.plannedStart) && task.plannedServerId ? { serverId: task.plannedServerId, start: task.plannedStart } : undefined,
  };
}

/**
 * What a task with no server to run on is told: the planner only knows it has none, and
 * "no eligible server" does not say what to fix.
 */
export function noServerReason(task: Pick<StoredTask, "serverId" | "eligibleServerTags">, index: ServerIndex): string {
  const own = index.unusable.get(task.serverId);
  if (!own) return "not planned: no eligible server";
  const others = task.eligibleServerTags.length ? `, and no other server with tag ${task.eligibleServerTags.join(" or ")} can take it` : "";
  return `not planned: ${own.name} cannot run tasks: ${own.why}${others}`;
}

/** Queue order is per server (position); across servers, earlier-queued tasks come first. */
export function priorityOrder(tasks: StoredTask[]): StoredTask[] {
  return [...tasks].sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * The planner names servers by id; people read names. Only id-shaped words (cuids) are
 * looked up, so a reason costs its own length, not the fleet's size.
 */
export function withServerNames(reason: string, nameById: Map<string, string>): string {
  return reason.replace(/\b[a-z0-9]{20,}\b/g, (word) => nameById.get(word) ?? word);
}
