/**
 * Execution adapter: runs commands detached on a target (SSH or this host), and streams,
 * signals, samples and cleans up after them. Knows nothing about Prisma or scheduling.
 *
 *   const pool = new SshPool({ connectTimeoutMs: 10_000 });           // one per worker; idle connections close after 5 min
 *   const executor = SshExecutor.fromPool(pool, server.id, decryptedCredentials);
 *   const { hostKeyFingerprint } = await executor.connect();         // pin it when none was stored
 *   await executor.start({ runId, workingDirectory, command, env });  // idempotent per runId
 *   await executor.status(runId);            // running | exited | unknown | lost
 *   await executor.readLog(runId, offset);   // raw bytes + nextOffset
 *   await executor.kill(runId, { graceMs }); // TERM the group, KILL after the grace
 *   await pool.closeAll();                   // on shutdown
 *
 * Semantics shared by SshExecutor and LocalExecutor (same shell scripts):
 * - A run lives in `<runsRoot>/<runId>/` on the target (default `~/.gridshift/runs`):
 *   output.log, pid, exit, killed, boot, command. `start` creates it with mkdir, so a repeated or
 *   concurrent start never launches twice and answers with the existing status.
 * - The command runs under `setsid` in its own session and process group, stdin from
 *   /dev/null, so it survives the connection and the worker. Any new executor re-attaches
 *   by runId.
 * - exited(code): code > 128 means the command died of signal code - 128; `killedBy` says
 *   when that was our kill. lost: the run directory exists but nothing records an exit code
 *   and the process is gone (host rebooted, wrapper killed from outside). After a reboot
 *   (boot id changed) the recorded pid is never trusted or signalled.
 * - kill: TERM (or INT/HUP) to the whole group, SIGCONT so a paused group can react, SIGKILL
 *   after the grace; returns once nothing of the group runs. pause/resume: SIGSTOP/SIGCONT
 *   of the group; status reports `paused`. cleanup refuses while anything of the group runs.
 * - sample: two /proc readings `intervalMs` apart: group CPU in cores and RSS, host CPU
 *   utilisation and memory, RAPL and nvidia-smi watts when present (null otherwise).
 * - readLog returns bytes, which may end inside a multi-byte UTF-8 character: decode with a
 *   streaming decoder (StringDecoder / TextDecoder with { stream: true }). LogTail bounds a
 *   stored copy.
 * - Errors are SshError subclasses with a `code`: HostKeyMismatchError (expected, actual),
 *   AuthenticationError, UnreachableError, TimeoutError, ConnectionLostError, ...
 * - The target needs a POSIX sh, setsid, awk and Linux /proc; any login shell works.
 */
export * from "./types";
export * from "./errors";
export { SshConnection, type ConnectOptions } from "./connection";
export { DEFAULT_SSH_IDLE_TIMEOUT_MS, SshPool, type SshPoolOptions } from "./pool";
export { SshExecutor, type SshExecutorOptions, type ConnectionSource } from "./ssh-executor";
export { LocalExecutor } from "./local-executor";
export { DEFAULT_LOG_CHUNK_BYTES, type ScriptExecutorOptions } from "./script-executor";
export { DEFAULT_RUNS_ROOT } from "./remote-scripts";
export { fingerprintOfKey, fingerprintOfPublicKeyLine, fingerprintsEqual, normaliseFingerprint } from "./fingerprint";
export { LogTail } from "./log-tail";
