// The worker's job catalogue: names and payloads. Payloads carry ids only; every handler
// re-reads state, so a repeated or late job is harmless.
export type JobPayloads = {
  tick: Record<string, never>;
  "dispatch-task": { taskId: string };
  "start-run": { runId: string };
  "account-run": { runId: string };
  /** `watcher` names the job chain; absent for a new chain (the tick, a start). */
  "watch-run": { runId: string; watcher?: string };
};

export type JobName = keyof JobPayloads;

export type AddJob = <N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  spec?: { jobKey?: string; jobKeyMode?: "replace" | "preserve_run_at"; runAt?: Date; maxAttempts?: number },
) => Promise<unknown>;

/** Many jobs in one statement; a pending job with the same key is replaced (graphile-worker's `addJobs`). */
export type AddJobs = (jobs: { name: JobName; payload: JobPayloads[JobName]; jobKey?: string; runAt?: Date }[]) => Promise<unknown>;

export const jobKeys = {
  dispatch: (taskId: string) => `dispatch:${taskId}`,
  start: (runId: string) => `start:${runId}`,
  watch: (runId: string) => `watch:${runId}`,
  /** A new watcher chain that wakes when a live-looking lease would lapse (see tick). */
  standby: (runId: string) => `watch-standby:${runId}`,
  account: (runId: string) => `account:${runId}`,
};

export const START_MAX_ATTEMPTS = Number(process.env.GRIDSHIFT_START_MAX_ATTEMPTS ?? 5);
export const WATCH_INTERVAL_MS = Number(process.env.GRIDSHIFT_WATCH_INTERVAL_MS ?? 2000);
export const SAMPLE_INTERVAL_MS = Number(process.env.GRIDSHIFT_SAMPLE_INTERVAL_MS ?? 30_000);
export const MAX_LOG_BYTES = Number(process.env.GRIDSHIFT_MAX_LOG_BYTES ?? 5 * 1024 * 1024);
