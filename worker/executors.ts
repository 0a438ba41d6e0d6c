// One executor per server for this worker process: SSH connections are pooled and reused
// per server (with keep-alives; closed after GRIDSHIFT_SSH_IDLE_MS unused, reopened on next
// use); `local` servers run on this host.
import { LocalExecutor, SshExecutor, SshPool, type Executor, type SshCredentials } from "@/lib/ssh";
import { decryptedCredentials, type WorkerRun } from "@/lib/data/worker-runs";

const pool = new SshPool({
  connectTimeoutMs: Number(process.env.GRIDSHIFT_SSH_CONNECT_TIMEOUT_MS ?? 10_000),
  idleTimeoutMs: process.env.GRIDSHIFT_SSH_IDLE_MS ? Number(process.env.GRIDSHIFT_SSH_IDLE_MS) : undefined,
});
const local = new LocalExecutor({ runsRoot: process.env.GRIDSHIFT_LOCAL_RUNS_ROOT });

export type ServerExecutor = { executor: Executor; connect: () => Promise<{ hostKeyFingerprint: string } | null> };

export function executorFor(server: WorkerRun["server"]): ServerExecutor {
  if (server.kind === "local") return { executor: local, connect: async () => null };
  const secrets = decryptedCredentials(server);
  const auth: SshCredentials["auth"] =
    server.authMethod === "password" ? { kind: "password", password: secrets.password ?? "" } : { kind: "key", privateKey: secrets.privateKey ?? "", passphrase: secrets.passphrase };
  const credentials: SshCredentials = {
    host: server.host ?? "",
    port: server.port,
    username: server.username ?? "",
    auth,
    expectedHostKeyFingerprint: server.hostKeyFingerprint ?? undefined,
  };
  const executor = SshExecutor.fromPool(pool, server.id, credentials);
  return { executor, connect: () => executor.connect() };
}

export async function closeExecutors(): Promise<void> {
  await pool.closeAll();
  await local.close();
}
