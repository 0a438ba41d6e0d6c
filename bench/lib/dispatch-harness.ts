// Pieces of the dispatch benchmark that touch processes: loopback sshd hosts, a seeded
// database, real worker processes and their memory. Everything is loopback-only and has a stop.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { db, disconnectDb } from "@/lib/db/client";
import { createServer } from "@/lib/data/servers";
import { seedTask, seedTenant } from "@/lib/testing/factories";
import { OFFLINE_PROVIDER_ENV } from "@/lib/testing/offline-providers";
import { startSshd, type TestSshd } from "@/lib/testing/sshd";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { ZServerInput } from "@/lib/validation/server";

/** Prints the remote clock first, so the true remote start can be read from the log. */
export const BENCH_COMMAND = 'date +%s.%N; echo "$GRIDSHIFT_RUN_ID"';

export async function startHosts(count: number): Promise<TestSshd[]> {
  const hosts: TestSshd[] = [];
  try {
    // A few at a time: key generation is CPU-bound.
    for (let i = 0; i < count; i += 5) hosts.push(...(await Promise.all(Array.from({ length: Math.min(5, count - i) }, () => startSshd()))));
    return hosts;
  } catch (error) {
    await Promise.all(hosts.map((h) => h.stop()));
    throw error;
  }
}

/** A fresh database for one worker count: one organisation, one ssh server per host, the tasks round-robin. */
export async function seedDatabase(hosts: TestSshd[], tasks: number, slots: number): Promise<TestDatabase> {
  const database = await createTestDatabase("bench");
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  const { organisationId } = await seedTenant("bench");
  const servers = [];
  for (const [i, h] of hosts.entries()) {
    servers.push(
      await createServer(
        organisationId,
        ZServerInput.parse({
          name: `host-${i}`, kind: "ssh", host: h.host, port: h.port, username: h.username,
          authMethod: "key", privateKey: h.userKey.privateKey, gridZone: "static:FR", maxConcurrentTasks: slots,
        }),
      ),
    );
  }
  for (let i = 0; i < tasks; i++) {
    await seedTask(organisationId, servers[i % servers.length].id, {
      name: `bench-${i}`, command: BENCH_COMMAND, workingDirectory: "/tmp", carbonPolicy: "run_now", expectedDurationMinutes: 1, timeoutMinutes: 10,
    });
  }
  return database;
}

export type WorkerProcess = { child: ChildProcess; logPath: string; peakRssKb: number; exitedEarly: boolean };

export function startWorkers(count: number, env: Record<string, string>, scratch: string): WorkerProcess[] {
  return Array.from({ length: count }, (_, i) => {
    const logPath = path.join(scratch, `worker-${count}-${i}.log`);
    const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
      env: { ...process.env, ...OFFLINE_PROVIDER_ENV, ...env, GRIDSHIFT_DATA_DIR: path.join(scratch, `data-${count}-${i}`) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Each line stamped on arrival (ms since the epoch), for reading where the time goes.
    const log = createWriteStream(logPath);
    for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on("line", (line) => log.write(`${Date.now()} ${line}\n`));
    const worker: WorkerProcess = { child, logPath, peakRssKb: 0, exitedEarly: false };
    child.once("exit", () => (worker.exitedEarly = true));
    return worker;
  });
}

/** Peak resident set: the kernel's high-water mark (VmHWM), read on every sample. */
export function sampleRss(workers: WorkerProcess[]): void {
  for (const w of workers) {
    if (!w.child.pid || w.child.exitCode !== null) continue;
    try {
      const status = readFileSync(`/proc/${w.child.pid}/status`, "utf8");
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      w.peakRssKb = Math.max(w.peakRssKb, hwm);
    } catch {
      // exited between the check and the read
    }
  }
}

export async function stopWorkers(workers: WorkerProcess[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    workers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}

export function killWorkersNow(workers: WorkerProcess[]): void {
  for (const { child } of workers) if (child.exitCode === null) child.kill("SIGKILL");
}

export function countLines(file: string, pattern: RegExp): number {
  try {
    return readFileSync(file, "utf8").split("\n").filter((l) => pattern.test(l)).length;
  } catch {
    return 0;
  }
}

/** The run directories the benchmark left in the (local, loopback) user's home. */
export async function removeRunDirs(runIds: string[]): Promise<void> {
  const root = path.join(os.homedir(), ".gridshift", "runs");
  for (const id of runIds) await rm(path.join(root, id), { recursive: true, force: true });
}

export const randomKey = () => randomBytes(32).toString("hex");
export { db };
