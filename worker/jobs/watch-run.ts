// One short look at a running run: stream new log bytes, sample resources when due, apply
// cancel / timeout / pause / resume, and finalise it when it has ended. It re-schedules
// itself, so no job holds a lock for the length of a run.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { insidePieces, lastPieceEnd, parsePieces } from "@/lib/domain/planned-pieces";
import { decideWatch, finalRunStatus, taskStatusAfterRun, type ObservedStatus } from "@/lib/domain/run-watch";
import { unsafeAddSample, unsafeAppendLog, unsafeFinishRun, unsafeLoadRun, unsafeMarkPaused, unsafeMarkResumed, unsafeRecordConnectionError, unsafeTakeWatchLease, unsafeTaskPieces, type WorkerRun } from "@/lib/data/worker-runs";
import type { Executor, RunStatus } from "@/lib/ssh";
import { completeUtf8Prefix } from "@/lib/domain/utf8";
import { exitedWith } from "@/lib/domain/run-failure";
import { executorFor } from "@/worker/executors";
import { jobKeys, runSettings, TICK_NOW, type AddJob } from "@/worker/jobs/catalogue";

export type WatchDeps = { addJob: AddJob; log: (line: string) => void };

const LOG_READ_BYTES = 256 * 1024;
const MAX_READS_PER_LOOK = 16;
const TRUNCATION_MARKER = (limit: number) => `\n[gridshift] log truncated: more than ${limit} bytes; the full log stays in the run directory on the server.\n`;

function observe(status: RunStatus): ObservedStatus {
  if (status.state === "running") return { state: "running", paused: status.paused };
  if (status.state === "exited") return { state: "exited", exitCode: status.exitCode };
  return { state: status.state };
}

/**
 * Reads what the target has beyond the stored offset, a bounded amount per look. Until the
 * cap, every byte read is stored, so the stored size is the offset itself.
 */
async function streamLog(executor: Executor, run: WorkerRun): Promise<void> {
  let offset = run.logBytes;
  let truncated = run.logTruncated;
  const { maxLogBytes } = runSettings();
  for (let i = 0; i < MAX_READS_PER_LOOK; i++) {
    const chunk = await executor.readLog(run.id, offset, LOG_READ_BYTES);
    if (chunk.data.length === 0) return;
    // Keep a multi-byte character split across reads whole for the next read.
    const complete = chunk.data.length < LOG_READ_BYTES ? chunk.data : completeUtf8Prefix(chunk.data);
    const next = offset + complete.length;
    let text = truncated ? "" : complete.toString("utf8");
    if (!truncated && next > maxLogBytes) {
      // Keep the output up to the cap (whole characters), then say that the rest is not stored.
      text = completeUtf8Prefix(complete.subarray(0, Math.max(0, maxLogBytes - offset))).toString("utf8") + TRUNCATION_MARKER(maxLogBytes);
      truncated = true;
    }
    if (!(await unsafeAppendLog(run.id, offset, text, next, truncated))) return; // another watcher is ahead
    offset = next;
    if (complete.length < LOG_READ_BYTES - 4) return;
  }
}

async function sampleIfDue(executor: Executor, run: WorkerRun, now: Date): Promise<void> {
  const last = await db().runSample.findFirst({ where: { runId: run.id }, orderBy: { at: "desc" }, select: { at: true } });
  if (last && now.getTime() - last.at.getTime() < runSettings().sampleIntervalMs) return;
  const s = await executor.sample(run.id, { intervalMs: 1000 });
  await unsafeAddSample(run.id, {
    at: now,
    cpuRunPercent: s.group ? (100 * s.group.cpuCores) / s.host.cpuCount : null,
    cpuHostPercent: 100 * s.host.cpuUtilisation,
    memoryRunMb: s.group ? s.group.rssBytes / 1_048_576 : null,
    memoryHostMb: s.host.memoryUsedBytes / 1_048_576,
    raplEnergyUj: s.energy.raplZones.length ? s.energy.raplZones.reduce((t, z) => t + z.energyMicrojoules, 0) : null,
    raplPowerWatts: s.energy.raplWatts,
    gpuPowerWatts: s.energy.gpuWatts,
  });
}

async function finalize(run: WorkerRun, executor: Executor, exitCode: number | null, lost: boolean, killedBecause: "cancelled" | "timed_out" | null, now: Date, deps: WatchDeps) {
  await streamLog(executor, { ...run, ...(await db().run.findUniqueOrThrow({ where: { id: run.id }, select: { logBytes: true, logTruncated: true } })) });
  const status = finalRunStatus(exitCode, killedBecause, lost);
  const errorMessage = lost ? "the process disappeared without recording an exit code" : status === "timed_out" ? `killed after the ${run.task.timeoutMinutes}-minute timeout` : status === "failed" ? (exitCode === null ? "ended without an exit code" : exitedWith(exitCode)) : null;
  const finished = await unsafeFinishRun(run.id, { status, exitCode, errorMessage, taskStatus: taskStatusAfterRun(status, run.attempt, run.task.maxRetries) }, now);
  if (!finished) return;
  deps.log(`run ${run.id}: ${status}${exitCode !== null ? ` (exit ${exitCode})` : ""}`);
  await deps.addJob("account-run", { runId: run.id }, { jobKey: jobKeys.account(run.id), maxAttempts: 5 });
  // A slot is free (or a retry is queued): plan again now rather than at the next cron tick.
  await deps.addJob("tick", {}, TICK_NOW);
}

/**
 * Whether `now` is inside the task's pieces as stored right now: the tick may have planned the run
 * again while this look waited on the target, and acting on the old plan would resume a paused run
 * for seconds, or pause a running one the new plan lets go on, and spend one of its pauses.
 */
async function piecesNow(taskId: string, now: Date): Promise<boolean | null> {
  const task = await unsafeTaskPieces(taskId);
  return task && task.interruptible ? insidePieces(parsePieces(task.plannedPieces), now) : true;
}

export async function watchRun(runId: string, deps: WatchDeps, now = new Date(), watcher: string = randomUUID()): Promise<void> {
  const run = await unsafeLoadRun(runId);
  if (!run || (run.status !== "running" && run.status !== "paused")) return;
  if (!(await unsafeTakeWatchLease(runId, watcher, now))) return; // a live chain looks after it
  const { executor } = executorFor(run.server);
  const again = () => deps.addJob("watch-run", { runId, watcher }, { jobKey: jobKeys.watch(runId), jobKeyMode: "replace", runAt: new Date(Date.now() + runSettings().watchIntervalMs) });
  try {
    const status = await executor.status(runId);
    await streamLog(executor, run);
    const openPause = run.status === "paused" ? run.pieces.at(-1)?.endedAt : null;
    const pausedSeconds = run.pausedSeconds + (openPause ? (now.getTime() - openPause.getTime()) / 1000 : 0);
    const pieces = parsePieces(run.task.plannedPieces);
    const pieceEnd = lastPieceEnd(pieces, now);
    const action = decideWatch({
      now,
      startedAt: run.startedAt ?? now,
      pausedSeconds,
      timeoutMinutes: run.task.timeoutMinutes,
      cancelRequested: !!run.task.cancelRequestedAt,
      // A paused run whose task is no longer interruptible (edited meanwhile) is resumed.
      insidePlannedPiece: run.task.interruptible ? insidePieces(pieces, now) : true,
      sincePieceEndMs: pieceEnd && now.getTime() - pieceEnd.getTime(),
      replannedSincePieceEnd: !!pieceEnd && !!run.task.plannedAt && run.task.plannedAt >= pieceEnd,
      storedPaused: run.status === "paused",
      observed: observe(status),
    });
    switch (action.kind) {
      case "finalize":
        return await finalize(run, executor, action.exitCode, action.reason === "lost", null, now, deps);
      case "kill": {
        const after = await executor.kill(runId, { graceMs: 5000 });
        const code = after.state === "exited" ? after.exitCode : null;
        return await finalize(run, executor, code, false, action.because, now, deps);
      }
      case "replan":
        await deps.addJob("tick", {}, TICK_NOW);
        break;
      case "pause":
        if ((await piecesNow(run.taskId, now)) === true) break; // the tick just said go on
        await executor.pause(runId);
        await unsafeMarkPaused(runId, now);
        deps.log(`run ${runId}: paused until its next green piece`);
        break;
      case "resume":
        if ((await piecesNow(run.taskId, now)) === false) break; // the tick moved its next piece meanwhile
        await executor.resume(runId);
        await unsafeMarkResumed(runId, openPause ?? now, now);
        deps.log(`run ${runId}: resumed`);
        break;
      case "record":
        // The pause or resume happened at an earlier look; now is the nearest time we know.
        if (action.paused) await unsafeMarkPaused(runId, now);
        else await unsafeMarkResumed(runId, openPause ?? now, now);
        deps.log(`run ${runId}: recorded as ${action.paused ? "paused" : "running"}, as the server reports it`);
        break;
      case "continue":
        if (status.state === "running" && !status.paused) await sampleIfDue(executor, run, now).catch((e) => deps.log(`run ${runId}: sampling failed: ${(e as Error).message}`));
    }
  } catch (error) {
    // The remote job keeps running when the connection drops; look again shortly.
    deps.log(`run ${runId}: watch failed (${(error as Error).message}); retrying`);
    await unsafeRecordConnectionError(run.serverId, (error as Error).message).catch(() => {});
  }
  await again();
}
