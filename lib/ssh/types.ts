/** Credentials arrive already decrypted; this module never sees ciphertext or Prisma rows. */
export type SshAuth =
  | { kind: "key"; privateKey: string | Buffer; passphrase?: string }
  | { kind: "password"; password: string };

export interface SshCredentials {
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
  /** OpenSSH format `SHA256:<base64 without padding>`. Empty or absent: accept and report. */
  expectedHostKeyFingerprint?: string;
}

export interface RunSpec {
  /** Letters, digits, `.`, `_`, `-`; becomes a directory name on the target. */
  runId: string;
  /** Absolute, or starting with `~/` for the target user's home. */
  workingDirectory: string;
  /** Run by `sh -c` on the target. */
  command: string;
  env?: Record<string, string>;
}

export type KillSignal = "TERM" | "INT" | "HUP" | "KILL";

export type RunStatus =
  | { state: "running"; pid: number; paused: boolean }
  /** A code above 128 means the command died of signal `code - 128`. */
  | { state: "exited"; exitCode: number; killedBy?: KillSignal }
  /** No run directory: never started, or cleaned up. */
  | { state: "unknown" }
  /** The run directory exists but the process is gone without an exit code. */
  | { state: "lost"; pid?: number };

export interface StartResult {
  /** False when the run already existed; nothing was launched again. */
  started: boolean;
  status: RunStatus;
}

/** Raw bytes: a chunk may end inside a multi-byte UTF-8 character, decode with a streaming decoder. */
export interface LogChunk {
  data: Buffer;
  nextOffset: number;
}

export interface KillOptions {
  signal?: KillSignal;
  /** How long to wait after the first signal before SIGKILL of the whole group. */
  graceMs?: number;
}

export interface SampleOptions {
  /** Distance between the two /proc readings. */
  intervalMs?: number;
}

export interface RaplZoneSample {
  zone: string;
  energyMicrojoules: number;
  watts: number | null;
}

export interface ResourceSample {
  intervalSeconds: number;
  /** Null when the run has no live process group. */
  group: { processCount: number; cpuCores: number; rssBytes: number } | null;
  host: {
    cpuCount: number;
    /** 0..1 over all CPUs. */
    cpuUtilisation: number;
    memoryUsedBytes: number;
    memoryTotalBytes: number;
  };
  energy: {
    raplWatts: number | null;
    raplZones: RaplZoneSample[];
    gpuWatts: number | null;
  };
}

export interface Executor {
  start(spec: RunSpec): Promise<StartResult>;
  status(runId: string): Promise<RunStatus>;
  readLog(runId: string, offset: number, maxBytes?: number): Promise<LogChunk>;
  kill(runId: string, options?: KillOptions): Promise<RunStatus>;
  pause(runId: string): Promise<RunStatus>;
  resume(runId: string): Promise<RunStatus>;
  sample(runId: string, options?: SampleOptions): Promise<ResourceSample>;
  /** Removes the run directory; refuses while the run is alive. */
  cleanup(runId: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: string;
}
