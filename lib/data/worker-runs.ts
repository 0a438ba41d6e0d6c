// Cross-tenant reads and writes for the worker only (hence `unsafe…`): the worker serves
// every organisation. Each write is conditional on the state it expects, so a repeated or
// concurrent job changes nothing the second time.
import { db } from "@/lib/db/client";
import { decryptSecret, secretKey } from "@/lib/crypto/secrets";
import type { PlannedPiece } from "@/lib/domain/planned-pieces";
import type { RunFinal, TaskAfterRun } from "@/lib/domain/run-watch";
import type { ActiveRun, StoredServer, StoredTask } from "@/lib/domain/planning-input";
import type { InterruptedRun, ResumePlan } from "@/lib/domain/resume-plan";
import { Prisma, type RunStatus, type Task } from "@/lib/generated/prisma/client";

export const ACTIVE_RUN_STATUSES: RunStatus[] = ["starting", "running", "paused"];

/** A waiting task as stored, with its last plan (the tick rewrites a plan only when it changed). */
export type PlanningTask = StoredTask & Pick<Task, "status" | "planReason" | "plannedCarbonG" | "counterfactualCarbonG" | "plannedPieces">;

/**
 * What a tick plans with: waiting tasks, servers, active runs, and the interruptible runs that may be
 * planned again (paused ones, and running ones: the tick keeps those past their piece's end).
 */
export async function unsafeLoadPlanningRows(): Promise<{ tasks: PlanningTask[]; servers: StoredServer[]; active: (ActiveRun & { runId: string })[]; interruptible: InterruptedRun[] }> {
  const [tasks, servers, runs, interruptible] = await Promise.all([
    db().task.findMany({ where: { status: { in: ["queued", "planned"] }, cancelRequestedAt: null } }),
    db().server.findMany(),
    db().run.findMany({ where: { status: { in: ACTIVE_RUN_STATUSES } }, include: { task: { select: { expectedDurationMinutes: true } } } }),
    db().run.findMany({
      where: {
        OR: [
          { status: "paused", task: { status: "paused" } },
          { status: "running", task: { status: "running" } },
        ],
        task: { interruptible: true, cancelRequestedAt: null },
      },
      include: { task: true, pieces: { orderBy: { startedAt: "asc" }, select: { startedAt: true, endedAt: true } } },
    }),
  ]);
  return {
    tasks,
    servers,
    active: runs.map((r) => ({ runId: r.id, serverId: r.serverId, startedAt: r.startedAt, expectedMinutes: r.task.expectedDurationMinutes })),
    interruptible: interruptible.map((r) => ({ runId: r.id, status: r.status as InterruptedRun["status"], serverId: r.serverId, queuedAt: r.queuedAt, task: r.task, pieces: r.pieces })),
  };
}

/** A task's stored pieces as they are now (the watcher checks them again right before it acts). */
export async function unsafeTaskPieces(taskId: string): Promise<{ interruptible: boolean; plannedPieces: unknown } | null> {
  return db().task.findUnique({ where: { id: taskId }, select: { interruptible: true, plannedPieces: true } });
}

/**
 * Records the pieces an interrupted run follows from now on (the watcher resumes it, or lets it go
 * on, inside one), in one statement, only while the run is as it was planned: a paused run resumed,
 * a running one paused, or either finished or cancelled meanwhile keeps what it had.
 */
export async function unsafeSaveResumePlans(plans: ResumePlan[], now: Date): Promise<number> {
  if (plans.length === 0) return 0;
  // Planned carbon stays the whole task's, like its counterfactual: the remainder's is in the reason.
  const rows = plans.map((p) => ({ id: p.taskId, runId: p.runId, status: p.runStatus, reason: p.reason, pieces: p.pieces }));
  return db().$executeRaw`
    UPDATE "Task" AS t SET
      "plannedPieces" = v."pieces",
      "planReason" = v."reason",
      "plannedAt" = ${now.toISOString()}::timestamp,
      "updatedAt" = ${now.toISOString()}::timestamp
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "runId" text, "status" text, "reason" text, "pieces" jsonb)
    WHERE t."id" = v."id" AND t."status"::text = v."status" AND t."cancelRequestedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Run" r WHERE r."id" = v."runId" AND r."taskId" = t."id" AND r."status"::text = v."status")`;
}

/**
 * Stamps running tasks the tick planned again past their piece without a new plan (no room, or
 * their server left out), so their watchers pause them on the stored plan at once instead of
 * asking for more ticks until the grace is over.
 */
export async function unsafeMarkReplanned(taskIds: string[], now: Date): Promise<void> {
  if (taskIds.length === 0) return;
  await db().task.updateMany({ where: { id: { in: taskIds }, status: "running" }, data: { plannedAt: now } });
}

export type PlanUpdate = {
  taskId: string;
  serverId: string | null;
  start: Date | null;
  reason: string;
  expectedCarbonG: number | null;
  counterfactualCarbonG: number | null;
  /** Empty for a task the planner found no start for. */
  pieces: PlannedPiece[];
};

/**
 * Records a tick's plans in one statement (a round trip per task made a tick over 1,000
 * waiting tasks take tens of seconds). Each row is still conditional: a task claimed or
 * cancelled meanwhile keeps its state. Timestamps go in as UTC wall-clock text, the way
 * Prisma stores DateTime in `timestamp(3)` columns.
 */
export async function unsafeSavePlans(plans: PlanUpdate[], now: Date): Promise<number> {
  if (plans.length === 0) return 0;
  const finite = (n: number | null) => (n !== null && Number.isFinite(n) ? n : null);
  const rows = plans.map((p) => ({
    id: p.taskId,
    status: p.start ? "planned" : "queued",
    start: p.start?.toISOString() ?? null,
    serverId: p.serverId,
    reason: p.reason,
    carbon: finite(p.expectedCarbonG),
    counterfactual: finite(p.counterfactualCarbonG),
    pieces: p.pieces,
  }));
  return db().$executeRaw`
    UPDATE "Task" AS t SET
      "status" = v."status"::"TaskStatus",
      "plannedStart" = v."start",
      "plannedServerId" = v."serverId",
      "planReason" = v."reason",
      "plannedCarbonG" = v."carbon",
      "counterfactualCarbonG" = v."counterfactual",
      "plannedPieces" = v."pieces",
      "plannedAt" = ${now.toISOString()}::timestamp,
      "updatedAt" = ${now.toISOString()}::timestamp
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS v("id" text, "status" text, "start" timestamp, "serverId" text, "reason" text, "carbon" float8, "counterfactual" float8, "pieces" jsonb)
    WHERE t."id" = v."id" AND t."status" IN ('queued', 'planned') AND t."cancelRequestedAt" IS NULL`;
}

/**
 * Claims a task for execution: flips it to running and creates the next attempt's run, in
 * one transaction. The conditional update is the claim; the unique (taskId, attempt) is the
 * guarantee that an attempt exists once. Returns null when someone else claimed it.
 */
export async function unsafeClaimTask(taskId: string, now: Date): Promise<string | null> {
  return db().$transaction(async (tx) => {
    const task = await tx.task.findUnique({ where: { id: taskId } });
    if (!task) return null;
    const claimed = await tx.task.updateMany({
      where: { id: taskId, status: { in: ["queued", "planned"] }, cancelRequestedAt: null },
      data: { status: "running" },
    });
    if (claimed.count === 0) return null;
    const last = await tx.run.aggregate({ where: { taskId }, _max: { attempt: true } });
    const attempt = (last._max.attempt ?? 0) + 1;
    const run = await tx.run.create({
      data: {
        organisationId: task.organisationId,
        taskId,
        serverId: task.plannedServerId ?? task.serverId,
        attempt,
        status: "starting",
        plannedStart: task.plannedStart ?? now,
        // The counterfactual start: when the work was first asked for.
        queuedAt: attempt === 1 ? task.createdAt : now,
      },
    });
    return run.id;
  });
}

export async function unsafeLoadRun(runId: string) {
  return db().run.findUnique({
    where: { id: runId },
    include: {
      task: true,
      server: { omit: { privateKeyEnc: false, passphraseEnc: false, passwordEnc: false } },
      pieces: { orderBy: { startedAt: "asc" } },
    },
  });
}

export type WorkerRun = NonNullable<Awaited<ReturnType<typeof unsafeLoadRun>>>;

export function decryptedCredentials(server: WorkerRun["server"]) {
  const key = secretKey();
  return {
    privateKey: server.privateKeyEnc ? decryptSecret(server.privateKeyEnc, key) : undefined,
    passphrase: server.passphraseEnc ? decryptSecret(server.passphraseEnc, key) : undefined,
    password: server.passwordEnc ? decryptSecret(server.passwordEnc, key) : undefined,
  };
}

/** Counts one more attempt to start a run and returns the count (1 for the first). */
export async function unsafeCountStartAttempt(runId: string): Promise<number> {
  const run = await db().run.update({ where: { id: runId }, data: { startAttempts: { increment: 1 } }, select: { startAttempts: true } });
  return run.startAttempts;
}

export async function unsafeMarkRunStarted(runId: string, processGroupId: number | null, now: Date): Promise<boolean> {
  const result = await db().run.updateMany({ where: { id: runId, status: "starting" }, data: { status: "running", startedAt: now, processGroupId } });
  if (result.count === 1) await db().runPiece.create({ data: { runId, startedAt: now } });
  return result.count === 1;
}

export async function unsafePinHostKey(serverId: string, fingerprint: string): Promise<void> {
  await db().server.updateMany({ where: { id: serverId, hostKeyFingerprint: null }, data: { hostKeyFingerprint: fingerprint } });
}

export async function unsafeRecordHostKeyMismatch(serverId: string, actual: string, now: Date): Promise<void> {
  await db().server.update({ where: { id: serverId }, data: { hostKeyMismatch: actual, hostKeyMismatchAt: now, lastConnectionError: `host key changed to ${actual}` } });
}

export async function unsafeRecordConnectionError(serverId: string, message: string | null): Promise<void> {
  await db().server.update({ where: { id: serverId }, data: { lastConnectionError: message } });
}

/**
 * Appends the bytes [offset, nextOffset) of the remote log, only if the stored log ends
 * exactly at `offset` (compare-and-set): two watchers reading the same log can never leave
 * a gap or a duplicate. Returns false when another watcher got there first.
 */
export async function unsafeAppendLog(runId: string, offset: number, content: string, nextOffset: number, truncated: boolean): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const advanced = await tx.run.updateMany({ where: { id: runId, logBytes: offset }, data: { logBytes: nextOffset, ...(truncated ? { logTruncated: true } : {}) } });
    if (advanced.count === 0) return false;
    if (content) await tx.runLogChunk.create({ data: { runId, offset: BigInt(offset), content } });
    return true;
  });
}

// A watcher chain that has not looked for this long is presumed dead (its worker crashed).
export const WATCH_LEASE_MS = 30_000;

/**
 * Whether a watcher chain looked recently. Its pending job must then be left alone: adding a
 * `watch-run` job under the same key replaces the payload, dropping the chain's id, and the
 * job then finds the lease taken and ends the chain, leaving the run unwatched for a lease.
 */
export function watchLeaseLive(watchedAt: Date | null, now: Date): boolean {
  return !!watchedAt && now.getTime() - watchedAt.getTime() < WATCH_LEASE_MS;
}

/**
 * Takes or renews the run's watcher lease for chain `watcherId`. Fails while another chain
 * looked recently, so duplicate chains (a tick re-adding a watcher while one is mid-look)
 * end themselves instead of multiplying.
 */
export async function unsafeTakeWatchLease(runId: string, watcherId: string, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - WATCH_LEASE_MS);
  const taken = await db().run.updateMany({
    where: { id: runId, OR: [{ watcherId }, { watcherId: null }, { watchedAt: null }, { watchedAt: { lt: staleBefore } }] },
    data: { watcherId, watchedAt: now },
  });
  return taken.count === 1;
}

export async function unsafeAddSample(runId: string, sample: Omit<Prisma.RunSampleCreateManyInput, "runId">): Promise<void> {
  await db().runSample.createMany({ data: [{ runId, ...sample }], skipDuplicates: true });
}

export async function unsafeMarkPaused(runId: string, now: Date): Promise<void> {
  await db().$transaction([
    db().run.updateMany({ where: { id: runId, status: "running" }, data: { status: "paused" } }),
    db().task.updateMany({ where: { runs: { some: { id: runId } }, status: "running" }, data: { status: "paused" } }),
    db().runPiece.updateMany({ where: { runId, endedAt: null }, data: { endedAt: now } }),
  ]);
}

export async function unsafeMarkResumed(runId: string, pausedSince: Date, now: Date): Promise<void> {
  const pausedFor = Math.round((now.getTime() - pausedSince.getTime()) / 1000);
  await db().$transaction(async (tx) => {
    const updated = await tx.run.updateMany({ where: { id: runId, status: "paused" }, data: { status: "running", pausedSeconds: { increment: pausedFor } } });
    if (updated.count === 0) return;
    await tx.task.updateMany({ where: { runs: { some: { id: runId } }, status: "paused" }, data: { status: "running" } });
    await tx.runPiece.create({ data: { runId, startedAt: now } });
  });
}

/** Ends a run and sets its task's next status, once: only an active run can be finalised. */
export async function unsafeFinishRun(
  runId: string,
  outcome: { status: RunFinal; exitCode: number | null; errorMessage: string | null; taskStatus: TaskAfterRun },
  now: Date,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId } });
    if (!run) return false;
    const done = await tx.run.updateMany({
      where: { id: runId, status: { in: ACTIVE_RUN_STATUSES } },
      data: { status: outcome.status, exitCode: outcome.exitCode, errorMessage: outcome.errorMessage, finishedAt: now },
    });
    if (done.count === 0) return false;
    await tx.runPiece.updateMany({ where: { runId, endedAt: null }, data: { endedAt: now } });
    const requeue = outcome.taskStatus === "queued";
    await tx.task.updateMany({
      where: { id: run.taskId, status: { in: ["running", "paused"] } },
      data: {
        status: outcome.taskStatus,
        ...(requeue ? { plannedStart: null, plannedServerId: null, plannedPieces: Prisma.DbNull, planReason: `retrying after ${outcome.status} (attempt ${run.attempt})` } : {}),
      },
    });
    return true;
  });
}

export async function unsafeActiveRuns(): Promise<{ id: string; status: RunStatus; watchedAt: Date | null }[]> {
  return db().run.findMany({ where: { status: { in: ACTIVE_RUN_STATUSES } }, select: { id: true, status: true, watchedAt: true } });
}

export async function unsafePlannedTasksDue(until: Date): Promise<{ id: string; plannedStart: Date | null }[]> {
  return db().task.findMany({ where: { status: "planned", cancelRequestedAt: null, plannedStart: { lte: until } }, select: { id: true, plannedStart: true } });
}
