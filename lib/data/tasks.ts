// Tasks of one organisation, ordered per server by `position` (the queue the worker honours).
import { db } from "@/lib/db/client";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { scoped, type OrgId } from "@/lib/data/scope";
import { requestTick } from "@/lib/data/request-tick";
import { parseInput } from "@/lib/validation/parse";
import { runFailure } from "@/lib/domain/run-failure";
import { deadlineProblem, EDITABLE_TASK_STATUSES, taskEditBlockedReason, ZTaskPolicy, type TTaskInput, type TTaskReorder, type TTaskUpdate } from "@/lib/validation/task";
import { Prisma, type Task, type TaskStatus } from "@/lib/generated/prisma/client";

// Not started yet: editable, reorderable, withdrawn at once on cancel (lib/validation/task.ts).
export const PENDING_STATUSES: TaskStatus[] = [...EDITABLE_TASK_STATUSES];
const ACTIVE_STATUSES: TaskStatus[] = ["running", "paused"];

export type TaskDto = {
  id: string;
  serverId: string;
  name: string;
  description: string;
  workingDirectory: string;
  command: string;
  position: number;
  expectedDurationMinutes: number;
  deadline: string | null;
  carbonPolicy: "greenest" | "threshold" | "run_now";
  carbonThresholdGPerKwh: number | null;
  carbonIndexBand: string | null;
  timeoutMinutes: number | null;
  maxRetries: number;
  interruptible: boolean;
  eligibleServerTags: string[];
  functionalUnit: string | null;
  functionalUnitCount: number | null;
  status: Task["status"];
  plannedStart: string | null;
  planReason: string | null;
  /** When the worker last planned the task (the reason's times are relative to it). */
  plannedAt: string | null;
  plannedCarbonG: number | null;
  counterfactualCarbonG: number | null;
  cancelRequestedAt: string | null;
  /**
   * Why the latest run failed (lib/domain/run-failure.ts), for a failed task or one queued to run
   * again after it; null otherwise.
   */
  failure: string | null;
  /** That run's attempt number (1-based), with `failure`. */
  failedAttempt: number | null;
  createdAt: string;
  updatedAt: string;
};

// A stored date JavaScript cannot represent (a 5-digit year reads back as Invalid Date) shows
// as absent rather than failing the whole list.
const iso = (d: Date | null) => (d && Number.isFinite(d.getTime()) ? d.toISOString() : null);

/** A retry is queued (or planned) with its earlier run failed; a failed task ran out of retries. */
const SHOWS_FAILURE = new Set<Task["status"]>(["failed", "queued", "planned"]);

type LatestFailure = { attempt: number; failure: string };

export function toTaskDto(t: Task, latest: LatestFailure | null): TaskDto {
  const failed = SHOWS_FAILURE.has(t.status) ? latest : null;
  return {
    id: t.id,
    serverId: t.serverId,
    name: t.name,
    description: t.description,
    workingDirectory: t.workingDirectory,
    command: t.command,
    position: t.position,
    expectedDurationMinutes: t.expectedDurationMinutes,
    deadline: iso(t.deadline),
    carbonPolicy: t.carbonPolicy,
    carbonThresholdGPerKwh: t.carbonThresholdGPerKwh,
    carbonIndexBand: t.carbonIndexBand,
    timeoutMinutes: t.timeoutMinutes,
    maxRetries: t.maxRetries,
    interruptible: t.interruptible,
    eligibleServerTags: t.eligibleServerTags,
    functionalUnit: t.functionalUnit,
    functionalUnitCount: t.functionalUnitCount,
    status: t.status,
    plannedStart: iso(t.plannedStart),
    planReason: t.planReason,
    plannedAt: iso(t.plannedAt),
    plannedCarbonG: t.plannedCarbonG,
    counterfactualCarbonG: t.counterfactualCarbonG,
    cancelRequestedAt: iso(t.cancelRequestedAt),
    failure: failed?.failure ?? null,
    failedAttempt: failed?.attempt ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function listTasks(organisationId: OrgId, filter: { serverId?: string } = {}): Promise<TaskDto[]> {
  const rows = await db().task.findMany({
    where: scoped(organisationId, filter.serverId ? { serverId: filter.serverId } : {}),
    orderBy: [{ serverId: "asc" }, { position: "asc" }, { createdAt: "asc" }],
  });
  const failures = await failuresOf(organisationId, rows);
  return rows.map((t) => toTaskDto(t, failures.get(t.id) ?? null));
}

export async function getTask(organisationId: OrgId, id: string): Promise<TaskDto> {
  const row = await db().task.findFirst({ where: scoped(organisationId, { id }) });
  if (!row) throw notFound("Task not found");
  return toTaskDto(row, (await failuresOf(organisationId, [row])).get(row.id) ?? null);
}

/**
 * Why the latest run failed, in words, for failed tasks and tasks waiting to run again: one query
 * for the whole list, none when no listed task is in such a state.
 */
async function failuresOf(organisationId: OrgId, tasks: Pick<Task, "id" | "status">[]): Promise<Map<string, LatestFailure>> {
  const ids = tasks.filter((t) => SHOWS_FAILURE.has(t.status)).map((t) => t.id);
  if (ids.length === 0) return new Map();
  const runs = await db().run.findMany({
    where: scoped(organisationId, { taskId: { in: ids } }),
    orderBy: [{ taskId: "asc" }, { attempt: "desc" }],
    distinct: ["taskId"],
    select: { taskId: true, attempt: true, status: true, exitCode: true, errorMessage: true },
  });
  const failures = new Map<string, LatestFailure>();
  for (const run of runs) {
    const failure = run.status === "succeeded" ? null : runFailure(run);
    if (failure) failures.set(run.taskId, { attempt: run.attempt, failure });
  }
  return failures;
}

async function assertServerInOrg(organisationId: OrgId, serverId: string) {
  const server = await db().server.findFirst({ where: scoped(organisationId, { id: serverId }), select: { id: true } });
  // Same answer for another tenant's server as for a missing one: 404, with a field message.
  if (!server) throw new AppError("not_found", "Server not found", { serverId: ["Choose one of your servers"] });
}

function assertDeadlineFits(deadline: Date | null | undefined, minutes: number, now: Date) {
  if (!deadline) return;
  const problem = deadlineProblem(deadline, now);
  if (problem) throw invalid("The deadline is not valid", { deadline: [problem] });
  if (deadline.getTime() < now.getTime() + minutes * 60_000) {
    throw invalid("The deadline is too soon", { deadline: ["The deadline must leave room for the expected duration"] });
  }
}

async function nextPosition(serverId: string): Promise<number> {
  const last = await db().task.aggregate({ where: { serverId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

export async function createTask(organisationId: OrgId, input: TTaskInput, createdById: string | null, now = new Date()): Promise<TaskDto> {
  await assertServerInOrg(organisationId, input.serverId);
  assertDeadlineFits(input.deadline, input.expectedDurationMinutes, now);
  const row = await db().task.create({
    data: {
      ...input,
      organisationId,
      createdById,
      position: await nextPosition(input.serverId),
      deadline: input.deadline ?? null,
    },
  });
  await requestTick();
  return toTaskDto(row, null); // new: no runs yet
}

function assertEditable(status: TaskStatus): void {
  const blocked = taskEditBlockedReason(status);
  if (blocked) throw conflict(blocked);
}

// An edited plan input invalidates the last plan; the worker re-plans on its next tick.
const REPLAN = { status: "queued", plannedStart: null, plannedServerId: null, plannedPieces: Prisma.DbNull, planReason: null } as const;

/** Edits a task that has not started; a started or finished one is a conflict naming why. */
export async function updateTask(organisationId: OrgId, id: string, input: TTaskUpdate, now = new Date()): Promise<TaskDto> {
  const current = await getTask(organisationId, id);
  assertEditable(current.status);
  if (input.serverId && input.serverId !== current.serverId) await assertServerInOrg(organisationId, input.serverId);
  // Cross-field rules hold for the task as it will be, not for the patch alone.
  parseInput(ZTaskPolicy, {
    carbonPolicy: input.carbonPolicy ?? current.carbonPolicy,
    carbonThresholdGPerKwh: input.carbonThresholdGPerKwh !== undefined ? input.carbonThresholdGPerKwh : current.carbonThresholdGPerKwh,
    carbonIndexBand: input.carbonIndexBand !== undefined ? input.carbonIndexBand : current.carbonIndexBand,
  });
  if (input.deadline !== undefined || input.expectedDurationMinutes !== undefined) {
    const deadline = input.deadline !== undefined ? input.deadline : current.deadline ? new Date(current.deadline) : null;
    assertDeadlineFits(deadline, input.expectedDurationMinutes ?? current.expectedDurationMinutes, now);
  }
  const data: Prisma.TaskUncheckedUpdateManyInput = { ...input, ...REPLAN };
  if (input.serverId && input.serverId !== current.serverId) data.position = await nextPosition(input.serverId);
  // The status check and the write are one statement: a task the worker claims meanwhile stays as it runs.
  const result = await db().task.updateMany({ where: scoped(organisationId, { id, status: { in: PENDING_STATUSES } }), data });
  if (result.count === 0) {
    assertEditable((await getTask(organisationId, id)).status); // 404 when deleted meanwhile
    throw conflict("The task changed while saving; reload and try again");
  }
  await requestTick();
  return getTask(organisationId, id);
}

export async function deleteTask(organisationId: OrgId, id: string): Promise<void> {
  const result = await db().task.deleteMany({ where: scoped(organisationId, { id, status: { notIn: ACTIVE_STATUSES } }) });
  if (result.count === 1) return;
  await getTask(organisationId, id); // 404 when not ours
  throw conflict("A running task cannot be deleted; cancel it first");
}

/** Rewrites the server's pending queue in the order given; the set must match the queue. */
export async function reorderTasks(organisationId: OrgId, input: TTaskReorder): Promise<TaskDto[]> {
  const { serverId, taskIds } = input;
  if (new Set(taskIds).size !== taskIds.length) throw invalid("Duplicate task ids", { taskIds: ["Each task may appear once"] });
  await db().$transaction(async (tx) => {
    const server = await tx.server.findFirst({ where: scoped(organisationId, { id: serverId }), select: { id: true } });
    if (!server) throw notFound("Server not found");
    const pending = await tx.task.findMany({
      where: scoped(organisationId, { serverId, status: { in: PENDING_STATUSES } }),
      select: { id: true },
    });
    const pendingIds = new Set(pending.map((t) => t.id));
    if (pendingIds.size !== taskIds.length || taskIds.some((id) => !pendingIds.has(id))) {
      throw conflict("The queue changed since it was loaded; reload and try again");
    }
    for (const [position, id] of taskIds.entries()) {
      await tx.task.updateMany({ where: scoped(organisationId, { id }), data: { position } });
    }
  });
  await requestTick();
  return listTasks(organisationId, { serverId });
}

/** A queued task is withdrawn at once; a running one is flagged for the worker to kill. */
export async function cancelTask(organisationId: OrgId, id: string, now = new Date()): Promise<TaskDto> {
  const withdrawn = await db().task.updateMany({
    where: scoped(organisationId, { id, status: { in: PENDING_STATUSES } }),
    data: { status: "cancelled", cancelRequestedAt: now, plannedStart: null },
  });
  if (withdrawn.count === 0) {
    const flagged = await db().task.updateMany({
      where: scoped(organisationId, { id, status: { in: ACTIVE_STATUSES } }),
      data: { cancelRequestedAt: now },
    });
    if (flagged.count === 0) {
      await getTask(organisationId, id);
      throw conflict("Only a queued, planned or running task can be cancelled");
    }
  }
  return getTask(organisationId, id);
}
