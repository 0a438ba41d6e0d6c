/**
 * Execution adapter: runs commands detached on a target (SSH or this host), and streams,
 * signals, samples and cleans up after them. Knows nothing about Prisma or scheduling.
 *
 *   const pool = new SshPool({ connectTimeoutMs: 10_000 });
 *   const executor = SshExecutor.fromPool(pool, server.id, decryptedCredentials);
 *   const { hostKeyFingerprint } = await executor.connect(); // pin it when none was stored
 *   await executor.start({ runId, workingDirectory, command, env }); // idempotent per runId
 *   await executor.status(runId);          // running | exited | unknown | lost
 *   await executor.readLog(runId, offset); // raw bytes + nextOffset
 *   await executor.kill(runId, { graceMs }); // TERM the group, KILL after the grace
 *
 * Runs live in `<runsRoot>/<runId>/` on the target (default `~/.gridshift/runs`).
 */
export * from "./types";
export * from "./errors";
export { SshConnection, type ConnectOptions } from "./connection";
export { SshPool } from "./pool";
export { SshExecutor, type SshExecutorOptions, type ConnectionSource } from "./ssh-executor";
export { LocalExecutor } from "./local-executor";
export { DEFAULT_LOG_CHUNK_BYTES, type ScriptExecutorOptions } from "./script-executor";
export { DEFAULT_RUNS_ROOT } from "./remote-scripts";
export { fingerprintOfKey, fingerprintOfPublicKeyLine, fingerprintsEqual, normaliseFingerprint } from "./fingerprint";
export { LogTail } from "./log-tail";
