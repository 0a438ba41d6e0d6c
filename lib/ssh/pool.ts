/**
 * Connection reuse per server: one live SSH connection per server id, reopened when dropped,
 * closed after `idleTimeoutMs` without a user (the next use reconnects).
 */
import { createHash } from "node:crypto";
import { fingerprintsEqual } from "./fingerprint";
import { SshConnection, type ConnectOptions } from "./connection";
import type { SshCredentials } from "./types";

export interface SshPoolOptions extends ConnectOptions {
  /**
   * Close a connection after this long with nothing running on it and nobody given it
   * (default 5 minutes; 0 never closes). Being handed out by `connection()` restarts the
   * wait, so a caller has this long to start using what it was given.
   */
  idleTimeoutMs?: number;
}

export const DEFAULT_SSH_IDLE_TIMEOUT_MS = 5 * 60_000;
// setTimeout fires at once (with a warning) beyond a signed 32-bit delay.
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
  credentialsKey: string;
  connection: Promise<SshConnection>;
  idleTimer?: NodeJS.Timeout;
  stopListening?: () => void;
}

/** Changed credentials (rotated key or password) must not reuse the old connection. */
function credentialsKey(credentials: SshCredentials): string {
  const secret =
    credentials.auth.kind === "key"
      ? ["key", credentials.auth.privateKey.toString(), credentials.auth.passphrase ?? ""]
      : ["password", credentials.auth.password];
  // The expected host key is not part of the key: pinning the key a live connection already
  // presented must not tear that connection down under the jobs using it.
  const material = [credentials.host, credentials.port, credentials.username, ...secret];
  return createHash("sha256").update(JSON.stringify(material)).digest("hex");
}

export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: SshPoolOptions = {}) {
    const idle = options.idleTimeoutMs ?? DEFAULT_SSH_IDLE_TIMEOUT_MS;
    if (!Number.isInteger(idle) || idle < 0 || idle > MAX_TIMER_MS) {
      throw new RangeError(`idleTimeoutMs must be an integer from 0 to ${MAX_TIMER_MS}: ${idle}`);
    }
    this.idleTimeoutMs = idle;
  }

  async connection(serverId: string, credentials: SshCredentials): Promise<SshConnection> {
    const key = credentialsKey(credentials);
    const entry = this.entries.get(serverId);
    if (entry && entry.credentialsKey === key) {
      const live = await entry.connection.then((c) => (c.isOpen ? c : null)).catch(() => null);
      const expected = credentials.expectedHostKeyFingerprint;
      if (live && (!expected || fingerprintsEqual(live.hostKeyFingerprint, expected))) {
        if (this.entries.get(serverId) === entry) this.armIdle(serverId, entry, live);
        return live;
      }
      if (live) {
        // The caller expects another host key than this connection saw: verify afresh.
        this.forget(serverId, entry);
        void live.close().catch(() => {});
        return this.open(serverId, key, credentials);
      }
      // Another caller may already have replaced the dead entry while we waited.
      if (this.entries.get(serverId) !== entry) return this.connection(serverId, credentials);
      this.forget(serverId, entry);
    } else if (entry) {
      this.forget(serverId, entry);
      void entry.connection.then((c) => c.close()).catch(() => {});
    }
    return this.open(serverId, key, credentials);
  }

  async release(serverId: string): Promise<void> {
    const entry = this.entries.get(serverId);
    if (!entry) return;
    this.forget(serverId, entry);
    const connection = await entry.connection.catch(() => null);
    await connection?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.release(id)));
  }

  private open(serverId: string, key: string, credentials: SshCredentials): Promise<SshConnection> {
    const connection = SshConnection.connect(credentials, this.options);
    const entry: Entry = { credentialsKey: key, connection };
    this.entries.set(serverId, entry);
    connection.then(
      (c) => {
        if (this.entries.get(serverId) !== entry) return;
        entry.stopListening = c.onIdle(() => this.armIdle(serverId, entry, c));
        this.armIdle(serverId, entry, c);
      },
      // A failed connect is not cached: the next call retries.
      () => this.forget(serverId, entry),
    );
    return connection;
  }

  /** (Re)starts the idle wait; called when the connection is handed out and when its last user lets go. */
  private armIdle(serverId: string, entry: Entry, connection: SshConnection): void {
    if (this.idleTimeoutMs === 0) return;
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = undefined;
      // In use: the last user's release arms the wait again.
      if (this.entries.get(serverId) !== entry || connection.inUse) return;
      this.forget(serverId, entry);
      void connection.close().catch(() => {});
    }, this.idleTimeoutMs);
    // An idle connection must not keep the process alive.
    entry.idleTimer.unref();
  }

  /** Drops the entry (if it is still the current one) and everything watching it. */
  private forget(serverId: string, entry: Entry): void {
    if (this.entries.get(serverId) === entry) this.entries.delete(serverId);
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    entry.stopListening?.();
    entry.stopListening = undefined;
  }
}
