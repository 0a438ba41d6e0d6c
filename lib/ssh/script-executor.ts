/**
 * The Executor semantics, shared by SSH and local execution: every operation is one remote
 * shell script (remote-scripts.ts), so both transports behave identically.
 */
import {
  InvalidRunSpecError,
  RemoteCommandError,
  RunActiveError,
  RunNotFoundError,
  WorkingDirectoryError,
} from "./errors";
import { computeSample, parseSampleOutput } from "./proc-sampling";
import {
  DEFAULT_RUNS_ROOT,
  assertRunsRoot,
  cleanupScript,
  killScript,
  pauseScript,
  readLogScript,
  sampleScript,
  startScript,
  statusScript,
} from "./remote-scripts";
import { parseKeyValues, parseStatusOutput } from "./script-output";
import type {
  ExecResult,
  Executor,
  KillOptions,
  LogChunk,
  ResourceSample,
  RunSpec,
  RunStatus,
  SampleOptions,
  StartResult,
} from "./types";

export interface ScriptExecutorOptions {
  /** Where run directories live on the target; absolute or `~/...`. */
  runsRoot?: string;
  /** Bound on each remote script, on top of any kill grace or sampling interval. */
  commandTimeoutMs?: number;
}

export const DEFAULT_LOG_CHUNK_BYTES = 1024 * 1024;
const MAX_LOG_CHUNK_BYTES = 16 * 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 10_000;
const DEFAULT_SAMPLE_INTERVAL_MS = 500;
/** readLog's script exit code for a missing run directory. */
const NO_SUCH_RUN = 3;

export abstract class ScriptExecutor implements Executor {
  protected readonly runsRoot: string;
  protected readonly commandTimeoutMs: number;

  constructor(options: ScriptExecutorOptions = {}) {
    this.runsRoot = options.runsRoot ?? DEFAULT_RUNS_ROOT;
    assertRunsRoot(this.runsRoot);
    this.commandTimeoutMs = options.commandTimeoutMs ?? 30_000;
  }

  /** Runs a POSIX sh script on the target and collects its output. */
  protected abstract runScript(script: string, timeoutMs: number): Promise<ExecResult>;

  abstract close(): Promise<void>;

  async start(spec: RunSpec): Promise<StartResult> {
    if (!spec.command.trim()) throw new InvalidRunSpecError("Empty command");
    if (!spec.workingDirectory) throw new InvalidRunSpecError("Empty working directory");
    const output = await this.runChecked(startScript(this.runsRoot, spec), "start");
    const result = parseKeyValues(output).get("result");
    if (result === "nowd") throw new WorkingDirectoryError(spec.workingDirectory);
    return { started: result === "started", status: parseStatusOutput(output) };
  }

  async status(runId: string): Promise<RunStatus> {
    return parseStatusOutput(await this.runChecked(statusScript(this.runsRoot, runId), "status"));
  }

  async readLog(runId: string, offset: number, maxBytes = DEFAULT_LOG_CHUNK_BYTES): Promise<LogChunk> {
    const bounded = Math.min(maxBytes, MAX_LOG_CHUNK_BYTES);
    const result = await this.runScript(readLogScript(this.runsRoot, runId, offset, bounded), this.commandTimeoutMs);
    if (result.code === NO_SUCH_RUN) throw new RunNotFoundError(runId);
    if (result.code !== 0) throw new RemoteCommandError("readLog failed", result.code, result.stderr);
    return { data: result.stdout, nextOffset: offset + result.stdout.length };
  }

  /** Signals the whole process group; unless the signal is KILL, SIGKILL follows after the grace. */
  async kill(runId: string, options: KillOptions = {}): Promise<RunStatus> {
    const graceMs = options.graceMs ?? DEFAULT_KILL_GRACE_MS;
    const script = killScript(this.runsRoot, runId, options.signal ?? "TERM", graceMs);
    const output = await this.runChecked(script, "kill", this.commandTimeoutMs + graceMs);
    if (parseKeyValues(output).get("result") === "unknown") throw new RunNotFoundError(runId);
    return parseStatusOutput(output);
  }

  pause(runId: string): Promise<RunStatus> {
    return this.signalGroup(runId, true);
  }

  resume(runId: string): Promise<RunStatus> {
    return this.signalGroup(runId, false);
  }

  async sample(runId: string, options: SampleOptions = {}): Promise<ResourceSample> {
    const intervalMs = options.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
    const script = sampleScript(this.runsRoot, runId, intervalMs);
    const output = await this.runChecked(script, "sample", this.commandTimeoutMs + intervalMs);
    const raw = parseSampleOutput(output);
    if (!raw) throw new RemoteCommandError("sample: target has no readable /proc", 0, "");
    return computeSample(raw);
  }

  async cleanup(runId: string): Promise<void> {
    const output = await this.runChecked(cleanupScript(this.runsRoot, runId), "cleanup");
    if (parseKeyValues(output).get("result") === "active") throw new RunActiveError(runId);
  }

  private async signalGroup(runId: string, pause: boolean): Promise<RunStatus> {
    const output = await this.runChecked(pauseScript(this.runsRoot, runId, pause), pause ? "pause" : "resume");
    if (parseKeyValues(output).get("result") === "unknown") throw new RunNotFoundError(runId);
    return parseStatusOutput(output);
  }

  private async runChecked(script: string, operation: string, timeoutMs = this.commandTimeoutMs): Promise<string> {
    const result = await this.runScript(script, timeoutMs);
    if (result.code !== 0) throw new RemoteCommandError(`${operation} failed (exit ${result.code})`, result.code, result.stderr);
    return result.stdout.toString("utf8");
  }
}
