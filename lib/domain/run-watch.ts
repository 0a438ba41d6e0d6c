// What a watcher does with a run on each look, and how a finished run ends its task.
// Pure: the worker feeds it the run as stored and what the target reports.

export type ObservedStatus =
  | { state: "running"; paused: boolean }
  | { state: "exited"; exitCode: number }
  | { state: "unknown" }
  | { state: "lost" };

export type WatchInput = {
  now: Date;
  startedAt: Date;
  /** Paused seconds already closed, plus the open pause if the run is paused now. */
  pausedSeconds: number;
  timeoutMinutes: number | null;
  cancelRequested: boolean;
  /** For interruptible plans: whether `now` falls inside a planned piece; null when not interruptible. */
  insidePlannedPiece: boolean | null;
  /**
   * How long ago the latest stored piece that is over ended; null when none is (the plan was made
   * after it: the tick plans pieces from its own now on).
   */
  sincePieceEndMs: number | null;
  /**
   * Whether the tick has planned the task since that piece ended and kept its stored plan (no room
   * on its server, or the server left out): waiting out the grace would not bring another plan.
   */
  replannedSincePieceEnd: boolean;
  /** Whether the run is stored as paused. */
  storedPaused: boolean;
  observed: ObservedStatus;
};

export type WatchAction =
  | { kind: "finalize"; exitCode: number | null; reason: "exited" | "lost" }
  | { kind: "kill"; because: "cancelled" | "timed_out" }
  | { kind: "pause" }
  /** Its piece is over on a plan made before: ask the tick for a new one, and pause only if it says wait. */
  | { kind: "replan" }
  | { kind: "resume" }
  /** The target is paused or running as planned but the store says otherwise: record what it is. */
  | { kind: "record"; paused: boolean }
  | { kind: "continue" };

/**
 * How long a run may go on past its piece's end while the tick plans it again (a tick asked for
 * starts within a second; the cron's comes within a minute). After that it pauses on the old plan.
 */
export const REPLAN_GRACE_MS = 90_000;

/** Active seconds count toward the timeout; paused time does not. */
export function activeSeconds(input: Pick<WatchInput, "now" | "startedAt" | "pausedSeconds">): number {
  return Math.max(0, (input.now.getTime() - input.startedAt.getTime()) / 1000 - input.pausedSeconds);
}

export function decideWatch(input: WatchInput): WatchAction {
  const { observed } = input;
  if (observed.state === "exited") return { kind: "finalize", exitCode: observed.exitCode, reason: "exited" };
  if (observed.state === "lost" || observed.state === "unknown") return { kind: "finalize", exitCode: null, reason: "lost" };
  if (input.cancelRequested) return { kind: "kill", because: "cancelled" };
  if (input.timeoutMinutes !== null && activeSeconds(input) > input.timeoutMinutes * 60) return { kind: "kill", because: "timed_out" };
  if (input.insidePlannedPiece === false && !observed.paused) {
    const planFromBefore = input.sincePieceEndMs !== null && input.sincePieceEndMs < REPLAN_GRACE_MS && !input.replannedSincePieceEnd;
    return planFromBefore ? { kind: "replan" } : { kind: "pause" };
  }
  if (input.insidePlannedPiece === true && observed.paused) return { kind: "resume" };
  // A pause or resume reached the target but its record did not reach the store (the database
  // failed in between): without this the run would be accounted as running while stopped, or the
  // reverse, until it ends.
  if (observed.paused !== input.storedPaused) return { kind: "record", paused: observed.paused };
  return { kind: "continue" };
}

export type RunFinal = "succeeded" | "failed" | "timed_out" | "cancelled" | "lost";
export type TaskAfterRun = "succeeded" | "failed" | "cancelled" | "queued";

/** The run's final status from how it ended and why we may have killed it. */
export function finalRunStatus(exitCode: number | null, killedBecause: "cancelled" | "timed_out" | null, lost: boolean): RunFinal {
  if (killedBecause) return killedBecause;
  if (lost) return "lost";
  return exitCode === 0 ? "succeeded" : "failed";
}

/** Failed, timed-out and lost runs are retried while the task allows; cancelled never is. */
export function taskStatusAfterRun(run: RunFinal, attempt: number, maxRetries: number): TaskAfterRun {
  if (run === "succeeded") return "succeeded";
  if (run === "cancelled") return "cancelled";
  return attempt <= maxRetries ? "queued" : "failed";
}
