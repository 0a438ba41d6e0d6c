// Paused interruptible runs are planned again every tick, as forecasts sharpen, the way waiting
// tasks are: the rest of the work, on the server the process is paused on, with the pauses it has
// left. Without this a run followed the pieces planned when it started, on forecasts up to a day
// old (the savings benchmark: 0.5-3.6 points of the oracle's saving lost in the interruptible
// family). Pure.
import type { Decision, PlannerConfig, PlannerTask } from "@/lib/domain/planner";
import { type PlannedPiece, parsePieces, samePieces, toStoredPieces } from "@/lib/domain/planned-pieces";
import { policyOf, type StoredTask, withServerNames } from "@/lib/domain/planning-input";

export type PausedRun = {
  runId: string;
  serverId: string;
  /** When the work was asked for: the task's creation, or the claim of a retry. */
  queuedAt: Date;
  task: StoredTask & { plannedPieces: unknown; planReason: string | null };
  /** The pieces run so far, oldest first; each ended with a pause. */
  pieces: { startedAt: Date; endedAt: Date | null }[];
};

/** What the run follows from now on, and why (shown on its card). */
export type ResumePlan = { taskId: string; runId: string; reason: string; pieces: PlannedPiece[] };

/**
 * Placed before every waiting task, so they fit around its remaining pieces and not the other way
 * round. Its slot is free while it is paused: others may run then, as the benchmark assumes.
 */
export const RESUME_PRIORITY = -1;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What is left of the expected duration (at least a minute: a run past its estimate is nearly done). */
export function remainingMinutes(run: PausedRun, now: Date): number {
  const activeMs = run.pieces.reduce((ms, p) => ms + ((p.endedAt ?? now).getTime() - p.startedAt.getTime()), 0);
  return Math.max(1, Math.ceil(run.task.expectedDurationMinutes - activeMs / MINUTE));
}

export function toResumeTask(run: PausedRun, config: Pick<PlannerConfig, "maxPauses" | "defaultWindowHours">, now: Date): PlannerTask {
  const remaining = remainingMinutes(run, now);
  const { task } = run;
  // The task's deadline, or its window from when the work was asked for; and never before the rest
  // can be done from now: a run that can no longer finish in time should finish as soon as it can.
  const due = task.deadline?.getTime() ?? run.queuedAt.getTime() + config.defaultWindowHours * HOUR + task.expectedDurationMinutes * MINUTE;
  return {
    id: task.id,
    durationMinutes: remaining,
    deadline: new Date(Math.max(due, now.getTime() + remaining * MINUTE)),
    priority: RESUME_PRIORITY,
    policy: policyOf(task),
    eligibleServerIds: [run.serverId],
    interruptible: true,
    queuedAt: run.queuedAt,
    current: lastPlannedStart(task.plannedPieces, run.serverId, now),
    // Every piece so far ended with a pause; resuming costs none, each later gap one.
    pausesLeft: Math.max(0, config.maxPauses - run.pieces.length),
  };
}

/**
 * The plan a paused run follows from now on, or undefined when it already follows it, or when the
 * planner found no room at all on its server (it keeps its plan and is planned again next tick).
 */
export function resumePlanOf(decision: Decision, run: PausedRun, serverNames: Map<string, string>): ResumePlan | undefined {
  if (decision.action === "infeasible") return undefined;
  const pieces = toStoredPieces(decision.pieces);
  const reason = withServerNames(decision.reason, serverNames);
  if (samePieces(run.task.plannedPieces, pieces) && run.task.planReason === reason) return undefined;
  return { taskId: run.task.id, runId: run.runId, reason, pieces };
}

/** Last tick's next start (for hysteresis): the first stored piece not yet over, from now at the earliest. */
function lastPlannedStart(stored: unknown, serverId: string, now: Date): PlannerTask["current"] {
  const next = (parsePieces(stored) ?? []).find((p) => Date.parse(p.end) > now.getTime());
  return next && { serverId, start: new Date(Math.max(Date.parse(next.start), now.getTime())) };
}
