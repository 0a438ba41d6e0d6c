// Interrupted interruptible runs are planned again every tick, as forecasts sharpen, the way waiting
// tasks are: the rest of the work, on the server the process is on, with the pauses it has left.
// Interrupted: paused, or running past the end of its planned piece (the watcher asks for this plan
// before it pauses the run, and the run goes on when the plan says now, spending no pause). Without
// this a run followed the pieces planned when it started, on forecasts up to a day old (the savings
// benchmark: 0.5-3.6 points of the oracle's saving lost in the interruptible family). Pure.
import type { Decision, PlannerConfig, PlannerTask } from "@/lib/domain/planner";
import { insidePieces, type PlannedPiece, parsePieces, samePieces, toStoredPieces } from "@/lib/domain/planned-pieces";
import { plannableDeadline, policyOf, type StoredTask, withServerNames } from "@/lib/domain/planning-input";

export type InterruptedRun = {
  runId: string;
  status: "paused" | "running";
  serverId: string;
  /** When the work was asked for: the task's creation, or the claim of a retry. */
  queuedAt: Date;
  task: StoredTask & { plannedPieces: unknown; planReason: string | null };
  /** The pieces run so far, oldest first; each ended with a pause but a running run's last. */
  pieces: { startedAt: Date; endedAt: Date | null }[];
};

/** What the run follows from now on, and why (shown on its card). */
export type ResumePlan = { taskId: string; runId: string; runStatus: InterruptedRun["status"]; reason: string; pieces: PlannedPiece[] };

/**
 * Placed before every waiting task, so they fit around its remaining pieces and not the other way
 * round. Its slot is free while it is paused: others may run then, as the benchmark assumes.
 */
export const RESUME_PRIORITY = -1;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A running interruptible run is planned again once its planned piece is over, before it pauses. */
export function pastPieceEnd(run: Pick<InterruptedRun, "status" | "task">, now: Date): boolean {
  return run.status === "running" && run.task.interruptible && insidePieces(parsePieces(run.task.plannedPieces), now) === false;
}

/** What is left of the expected duration (at least a minute: a run past its estimate is nearly done). */
export function remainingMinutes(run: InterruptedRun, now: Date): number {
  const activeMs = run.pieces.reduce((ms, p) => ms + ((p.endedAt ?? now).getTime() - p.startedAt.getTime()), 0);
  return Math.max(1, Math.ceil(run.task.expectedDurationMinutes - activeMs / MINUTE));
}

export function toResumeTask(run: InterruptedRun, config: Pick<PlannerConfig, "maxPauses" | "defaultWindowHours">, now: Date): PlannerTask {
  const remaining = remainingMinutes(run, now);
  const { task } = run;
  // The task's deadline, or its window from when the work was asked for; and never before the rest
  // can be done from now: a run that can no longer finish in time should finish as soon as it can.
  const due = plannableDeadline(task.deadline)?.getTime() ?? run.queuedAt.getTime() + config.defaultWindowHours * HOUR + task.expectedDurationMinutes * MINUTE;
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
    // Every piece so far ended with a pause; resuming costs none, each later gap one. A running
    // run's current piece is counted too: waiting costs it a pause that the planner does not see
    // (it counts gaps between pieces), and going on now saves one it need not have kept.
    pausesLeft: Math.max(0, config.maxPauses - run.pieces.length),
  };
}

/**
 * The plan an interrupted run follows from now on, or undefined when it already follows it, or when
 * the planner found no room at all on its server (it keeps its plan and is planned again next tick;
 * a running one is then paused by its watcher).
 */
export function resumePlanOf(decision: Decision, run: InterruptedRun, serverNames: Map<string, string>): ResumePlan | undefined {
  if (decision.action === "infeasible") return undefined;
  const pieces = toStoredPieces(decision.pieces);
  const reason = asResumed(withServerNames(decision.reason, serverNames), run.status);
  if (samePieces(run.task.plannedPieces, pieces) && run.task.planReason === reason) return undefined;
  return { taskId: run.task.id, runId: run.runId, runStatus: run.status, reason, pieces };
}

/** "starting now" is news to a queued task; an interrupted run resumes, or goes on. */
function asResumed(reason: string, status: InterruptedRun["status"]): string {
  return reason.startsWith("starting now") ? (status === "paused" ? "resuming now" : "continuing") + reason.slice("starting now".length) : reason;
}

/** Last tick's next start (for hysteresis): the first stored piece not yet over, from now at the earliest. */
function lastPlannedStart(stored: unknown, serverId: string, now: Date): PlannerTask["current"] {
  const next = (parsePieces(stored) ?? []).find((p) => Date.parse(p.end) > now.getTime());
  return next && { serverId, start: new Date(Math.max(Date.parse(next.start), now.getTime())) };
}
