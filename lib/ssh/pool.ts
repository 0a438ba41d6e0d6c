/** Connection reuse per server: one live SSH connection per server id, reopened when dropped. */
import { createHash } from "node:crypto";
import { fingerprintsEqual } from "./fingerprint";
import { SshConnection, type ConnectOptions } from "./connection";
import type { SshCredentials } from "./types";

interface Entry {
  credentialsKey: string;
  connection: Promise<SshConnection>;
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

  constructor(private readonly options: ConnectOptions = {}) {}

  async connection(serverId: string, credentials: SshCredentials): Promise<SshConnection> {
    const key = credentialsKey(credentials);
    const entry = this.entries.get(serverId);
    if (entry && entry.credentialsKey === key) {
      const live = await entry.connection.then((c) => (c.isOpen ? c : null)).catch(() => null);
      const expected = credentials.expectedHostKeyFingerprint;
      if (live && (!expected || fingerprintsEqual(live.hostKeyFingerprint, expected))) return live;
      if (live) {
        // The caller expects another host key than this connection saw: verify afresh.
        this.entries.delete(serverId);
        void live.close().catch(() => {});
        return this.open(serverId, key, credentials);
      }
      // Another caller may already have replaced the dead entry while we waited.
      if (this.entries.get(serverId) !== entry) return this.connection(serverId, credentials);
    } else if (entry) {
      void entry.connection.then((c) => c.close()).catch(() => {});
    }
    return this.open(serverId, key, credentials);
  }

  async release(serverId: string): Promise<void> {
    const entry = this.entries.get(serverId);
    this.entries.delete(serverId);
    const connection = await entry?.connection.catch(() => null);
    await connection?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.release(id)));
  }

  private open(serverId: string, key: string, credentials: SshCredentials): Promise<SshConnection> {
    const connection = SshConnection.connect(credentials, this.options);
    const entry: Entry = { credentialsKey: key, connection };
    this.entries.set(serverId, entry);
    // A failed connect is not cached: the next call retries.
    connection.catch(() => {
      if (this.entries.get(serverId) === entry) this.entries.delete(serverId);
    });
    return connection;
  }
}
