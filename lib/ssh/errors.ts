export type SshErrorCode =
  | "HOST_KEY_MISMATCH"
  | "AUTHENTICATION_FAILED"
  | "UNREACHABLE"
  | "TIMEOUT"
  | "CONNECTION_LOST"
  | "CONNECTION_FAILED"
  | "INVALID_RUN_SPEC"
  | "WORKING_DIRECTORY"
  | "RUN_NOT_FOUND"
  | "RUN_ACTIVE"
  | "REMOTE_COMMAND";

export class SshError extends Error {
  readonly code: SshErrorCode;

  constructor(code: SshErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class HostKeyMismatchError extends SshError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super("HOST_KEY_MISMATCH", `Host key mismatch: expected ${expected}, got ${actual}`);
  }
}

export class AuthenticationError extends SshError {
  constructor(message = "Authentication failed", options?: { cause?: unknown }) {
    super("AUTHENTICATION_FAILED", message, options);
  }
}

/** Refused, no route, unknown host: the target cannot be reached at all. */
export class UnreachableError extends SshError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("UNREACHABLE", message, options);
  }
}

export class TimeoutError extends SshError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TIMEOUT", message, options);
  }
}

/** The connection dropped while a command was in flight. */
export class ConnectionLostError extends SshError {
  constructor(message = "SSH connection lost", options?: { cause?: unknown }) {
    super("CONNECTION_LOST", message, options);
  }
}

export class ConnectionFailedError extends SshError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CONNECTION_FAILED", message, options);
  }
}

export class InvalidRunSpecError extends SshError {
  constructor(message: string) {
    super("INVALID_RUN_SPEC", message);
  }
}

export class WorkingDirectoryError extends SshError {
  constructor(readonly workingDirectory: string) {
    super("WORKING_DIRECTORY", `Working directory not accessible: ${workingDirectory}`);
  }
}

export class RunNotFoundError extends SshError {
  constructor(readonly runId: string) {
    super("RUN_NOT_FOUND", `Run not found: ${runId}`);
  }
}

export class RunActiveError extends SshError {
  constructor(readonly runId: string) {
    super("RUN_ACTIVE", `Run is still active: ${runId}`);
  }
}

export class RemoteCommandError extends SshError {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super("REMOTE_COMMAND", stderr ? `${message}: ${stderr.trim().slice(0, 500)}` : message);
  }
}
