// Why a run did not succeed, in the words the task page and the dashboard's cards both show. Pure.

/** The part of a run the wording needs (a RunDto or a selected Run row both fit). */
export type RunOutcome = { status: string; exitCode: number | null; errorMessage: string | null };

/** Matches what the worker stores when a command exits non-zero (worker/jobs/watch-run.ts). */
export const exitedWith = (exitCode: number): string => `exited with code ${exitCode}`;

/**
 * The run's stored reason, else, for a failed run, its non-zero exit code in words; null when
 * neither says anything. A cancelled run's 143 is our kill, not a reason. A blank message is none.
 */
export function runFailure(run: RunOutcome): string | null {
  const message = run.errorMessage?.trim();
  if (message) return message;
  if (run.status === "failed" && run.exitCode !== null && run.exitCode !== 0) return exitedWith(run.exitCode);
  return null;
}

/**
 * A task queued to run again after a failed attempt, as its card says so. The total counts the
 * next attempt even if retries were lowered since: a queued task runs at least once more.
 */
export function retryNote(failedAttempt: number, maxRetries: number, failure: string): string {
  const next = failedAttempt + 1;
  return `attempt ${failedAttempt} failed (${failure}); running again as attempt ${next} of ${Math.max(maxRetries + 1, next)}`;
}
