// One executor per server for this worker process: SSH connections are pooled and reused
// per server (with keep-alives; closed after GRIDSHIFT_SSH_IDLE_MS unused, reopened on next
// use); `local` servers run on this host.
import { LocalExecutor, SshExecutor, SshPool, type Executor, type SshCredentials } from "@/lib/ssh";
import { decryptedCredentials, type WorkerRun } from "@/lib/data/worker-runs";
import { parseEnv } from "@/lib/env";

// Made at first use, from settings the worker validated at start (lib/env.ts).
let pool: SshPool | undefined;
let local: LocalExecutor | undefined;

function sshPool(): SshPool {
  if (pool) return pool;
  const settings = parseEnv(process.env);
  pool = new SshPool({ connectTimeoutMs: settings.GRIDSHIFT_SSH_CONNECT_TIMEOUT_MS, idleTimeoutMs: settings.GRIDSHIFT_SSH_IDLE_MS });
  return pool;
}

function localExecutor(): LocalExecutor {
  local ??= new LocalExecutor({ runsRoot: parseEnv(process.env).GRIDSHIFT_LOCAL_RUNS_ROOT });
  return local;
}

export type ServerExecutor = { executor: Executor; connect: () => Promise<{ hostKeyFingerprint: string } | null> };

export function executorFor(server: WorkerRun["server"]): ServerExecutor {
  if (server.kind === "local") return { executor: localExecutor(), connect: async () => null };
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
  const executor = SshExecutor.fromPool(sshPool(), server.id, credentials);
  return { executor, connect: () => executor.connect() };
}

export async function closeExecutors(): Promise<void> {
  await pool?.closeAll();
  await local?.close();
}
