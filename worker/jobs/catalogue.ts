// The worker's job catalogue: names and payloads. Payloads carry ids only; every handler
// re-reads state, so a repeated or late job is harmless.
import { parseEnv } from "@/lib/env";

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

/** A tick as soon as possible, de-duplicated with one already waiting (lib/data/request-tick.ts is the dashboard's). */
export const TICK_NOW = { jobKey: "tick-now", jobKeyMode: "preserve_run_at", maxAttempts: 1 } as const;

export type RunSettings = { startMaxAttempts: number; watchIntervalMs: number; sampleIntervalMs: number; maxLogBytes: number };

let runSettingsRead: RunSettings | undefined;

/**
 * How runs are started and watched, validated in lib/env.ts. Read at first use rather than at
 * import, after the worker's start-up check has named any bad value.
 */
export function runSettings(): RunSettings {
  if (runSettingsRead) return runSettingsRead;
  const settings = parseEnv(process.env);
  runSettingsRead = {
    startMaxAttempts: settings.GRIDSHIFT_START_MAX_ATTEMPTS,
    watchIntervalMs: settings.GRIDSHIFT_WATCH_INTERVAL_MS,
    sampleIntervalMs: settings.GRIDSHIFT_SAMPLE_INTERVAL_MS,
    maxLogBytes: settings.GRIDSHIFT_MAX_LOG_BYTES,
  };
  return runSettingsRead;
}
