// Starts a claimed run on its server, detached, and hands it to a watcher. Safe to repeat:
// the executor's start is idempotent per run id and only a `starting` run is marked started.
import { AuthenticationError, HostKeyMismatchError, SshError } from "@/lib/ssh";
import { unsafeCountStartAttempt, unsafeFinishRun, unsafeLoadRun, unsafeMarkRunStarted, unsafePinHostKey, unsafeRecordConnectionError, unsafeRecordHostKeyMismatch, watchLeaseLive } from "@/lib/data/worker-runs";
import { taskStatusAfterRun } from "@/lib/domain/run-watch";
import { localServersEnabled } from "@/lib/env";
import { LOCAL_SERVERS_OFF } from "@/lib/validation/server";
import { executorFor } from "@/worker/executors";
import { jobKeys, runSettings, type AddJob } from "@/worker/jobs/catalogue";

export type StartDeps = { addJob: AddJob; log: (line: string) => void };

async function fail(runId: string, attempt: number, maxRetries: number, message: string, now: Date) {
  await unsafeFinishRun(runId, { status: "failed", exitCode: null, errorMessage: message, taskStatus: taskStatusAfterRun("failed", attempt, maxRetries) }, now);
}

export async function startRun(runId: string, deps: StartDeps, now = new Date()): Promise<void> {
  const run = await unsafeLoadRun(runId);
  if (!run) return;
  if (run.status !== "starting") {
    const unwatched = (run.status === "running" || run.status === "paused") && !watchLeaseLive(run.watchedAt, now);
    if (unwatched) await deps.addJob("watch-run", { runId }, { jobKey: jobKeys.watch(runId), jobKeyMode: "preserve_run_at" });
    return;
  }
  if (run.task.cancelRequestedAt) {
    await unsafeFinishRun(runId, { status: "cancelled", exitCode: null, errorMessage: "cancelled before it started", taskStatus: "cancelled" }, now);
    return;
  }
  if (run.server.hostKeyMismatch) {
    await fail(runId, run.attempt, run.task.maxRetries, `refused: the server's host key changed (${run.server.hostKeyMismatch}); re-pin it on the server page`, now);
    return;
  }
  // Checked here too, not only when servers are saved: a local server registered while they were
  // on stays in the database after the operator turns them off. Permanent, so never retried.
  if (run.server.kind === "local" && !localServersEnabled()) {
    await fail(runId, run.attempt, 0, `refused: ${LOCAL_SERVERS_OFF}`, now);
    return;
  }
  const attempt = await unsafeCountStartAttempt(runId);
  const { executor, connect } = executorFor(run.server);
  try {
    const connected = await connect();
    if (connected && !run.server.hostKeyFingerprint) await unsafePinHostKey(run.server.id, connected.hostKeyFingerprint);
    const result = await executor.start({
      runId,
      workingDirectory: run.task.workingDirectory,
      command: run.task.command,
      env: { GRIDSHIFT_RUN_ID: runId, GRIDSHIFT_TASK_ID: run.taskId, GRIDSHIFT_ATTEMPT: String(run.attempt) },
    });
    const pid = result.status.state === "running" ? result.status.pid : null;
    if (result.status.state === "unknown") throw new Error("the run directory vanished right after start");
    await unsafeMarkRunStarted(runId, pid, now);
    if (run.server.lastConnectionError) await unsafeRecordConnectionError(run.server.id, null);
    deps.log(`run ${runId}: ${result.started ? "started" : "already running"} on ${run.server.name}`);
    await deps.addJob("watch-run", { runId }, { jobKey: jobKeys.watch(runId), jobKeyMode: "replace" });
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof HostKeyMismatchError) {
      await unsafeRecordHostKeyMismatch(run.server.id, error.actual, now);
      await fail(runId, run.attempt, 0, `refused: host key mismatch (expected ${error.expected}, got ${error.actual})`, now);
      return;
    }
    if (error instanceof AuthenticationError || (error instanceof SshError && error.code === "WORKING_DIRECTORY")) {
      if (error instanceof AuthenticationError) await unsafeRecordConnectionError(run.server.id, message);
      await fail(runId, run.attempt, run.task.maxRetries, message, now);
      return;
    }
    await unsafeRecordConnectionError(run.server.id, message);
    if (attempt >= runSettings().startMaxAttempts) {
      await fail(runId, run.attempt, run.task.maxRetries, `could not start after ${attempt} attempts: ${message}`, now);
      return;
    }
    // The job engine retries with exponential back-off.
    throw error;
  }
}
