/** Executor over SSH: each operation runs one script through `sh -c` on the target. */
import type { ConnectOptions, SshConnection } from "./connection";
import { ConnectionLostError } from "./errors";
import { SshPool } from "./pool";
import { ScriptExecutor, type ScriptExecutorOptions } from "./script-executor";
import type { ExecResult, SshCredentials } from "./types";

export type ConnectionSource = () => Promise<SshConnection>;

export type SshExecutorOptions = ScriptExecutorOptions & ConnectOptions;

export class SshExecutor extends ScriptExecutor {
  private readonly source: ConnectionSource;
  private readonly ownPool?: SshPool;

  /** With credentials it owns its connection (reopened when dropped); with a source it borrows one (see SshPool). */
  constructor(target: SshCredentials | ConnectionSource, options: SshExecutorOptions = {}) {
    super(options);
    if (typeof target === "function") {
      this.source = target;
    } else {
      const pool = new SshPool(options);
      this.ownPool = pool;
      this.source = () => pool.connection("default", target);
    }
  }

  /** An executor borrowing the pool's connection to the server (closing the executor leaves it open). */
  static fromPool(pool: SshPool, serverId: string, credentials: SshCredentials, options: ScriptExecutorOptions = {}): SshExecutor {
    return new SshExecutor(() => pool.connection(serverId, credentials), options);
  }

  /** Connects (verifying the host key) and reports the fingerprint, for pinning on first contact. */
  async connect(): Promise<{ hostKeyFingerprint: string }> {
    const connection = await this.source();
    return { hostKeyFingerprint: connection.hostKeyFingerprint };
  }

  async close(): Promise<void> {
    await this.ownPool?.closeAll();
  }

  /**
   * The script goes to `sh -s` on stdin, so the login shell (bash, zsh, fish, csh...) only ever
   * parses `sh -s` and never our quoting. The braces make sh read the whole script before it
   * runs any of it. Every script is idempotent (start is guarded by mkdir), so one retry
   * after a dropped connection is safe.
   */
  protected async runScript(script: string, timeoutMs: number): Promise<ExecResult> {
    const stdin = `{\n${script}\n}\n`;
    try {
      return await (await this.source()).exec("sh -s", timeoutMs, stdin);
    } catch (error) {
      if (!(error instanceof ConnectionLostError)) throw error;
      return (await this.source()).exec("sh -s", timeoutMs, stdin);
    }
  }
}
