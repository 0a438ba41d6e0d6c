// Paused interruptible runs are planned again every tick, as forecasts sharpen, the way waiting
// tasks are: the rest of the work, on the server the process is paused on, with the pauses it has
// left. Without this a run followed the pieces planned when it started, on forecasts up to a day
// old (the savings benchmark: 0.5-3.6 points of the oracle's saving lost in the interruptible
// family). Pure.
import type { Decision, PlannerTask } from "@/lib/domain/planner";
import { policyOf, type StoredTask } from "@/lib/domain/planning-input";
import type { PlannedPiece } from "@/lib/domain/run-watch";

export type PausedRun = {
  runId: string;
  serverId: string;
  task: StoredTask & { plannedPieces: unknown; planReason: string | null };
  /** The pieces run so far, oldest first; each ended with a pause. */
  pieces: { startedAt: Date; endedAt: Date | null }[];
};

/** Ahead of every waiting task: the paused process holds its server, so newcomers must not take its slot. */
export const RESUME_PRIORITY = -1;

/** What is left of the expected duration (at least a minute: a run past its estimate is nearly done). */
export function remainingMinutes(run: PausedRun, now: Date): number {
  const activeMs = run.pieces.reduce((ms, p) => ms + ((p.endedAt ?? now).getTime() - p.startedAt.getTime()), 0);
  return Math.max(1, Math.ceil(run.task.expectedDurationMinutes - activeMs / 60_000));
}

export function toResumeTask(run: PausedRun, maxPauses: number, now: Date): PlannerTask {
  const next = nextPieceStart(run.task.plannedPieces, now);
  return {
    id: run.task.id,
    durationMinutes: remainingMinutes(run, now),
    deadline: run.task.deadline ?? undefined,
    priority: RESUME_PRIORITY,
    policy: policyOf(run.task),
    eligibleServerIds: [run.serverId],
    interruptible: true,
    queuedAt: run.task.createdAt,
    current: next ? { serverId: run.serverId, start: next } : undefined,
    // Every piece so far ended with a pause; resuming costs none, each later gap one.
    pausesLeft: Math.max(0, maxPauses - run.pieces.length),
  };
}

/**
 * The pieces the watcher follows from now on. A run the planner cannot fit (its deadline has
 * passed, say) resumes now: finishing late beats never finishing.
 */
export function resumePieces(decision: Decision, run: PausedRun, now: Date): PlannedPiece[] {
  if (decision.action === "infeasible") return [{ start: now.toISOString(), end: new Date(now.getTime() + remainingMinutes(run, now) * 60_000).toISOString() }];
  return decision.pieces.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() }));
}

function nextPieceStart(pieces: unknown, now: Date): Date | undefined {
  if (!Array.isArray(pieces)) return undefined;
  const starts = pieces.map((p: PlannedPiece) => Date.parse(p?.start)).filter((ms) => Number.isFinite(ms) && ms > now.getTime());
  return starts.length > 0 ? new Date(Math.min(...starts)) : undefined;
}
