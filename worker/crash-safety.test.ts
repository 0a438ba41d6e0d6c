// The promise users rely on: kill -9 the worker mid-run, restart PostgreSQL, drop the SSH
// connection, run several workers at once: every task runs exactly once, logs are complete,
// the true exit code is recorded. Real worker processes, real sshd, a PostgreSQL of its own
// (so it can be restarted without disturbing other suites).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { createServer } from "@/lib/data/servers";
import { seedTask, seedTenant } from "@/lib/testing/factories";
import { startSshd, type TestSshd } from "@/lib/testing/sshd";
import { ZServerInput } from "@/lib/validation/server";

const scratch = mkdtempSync(path.join(os.tmpdir(), "gridshift-crash-"));
chmodSync(scratch, 0o711); // as root, the embedded PostgreSQL runs as its own user and must reach pg/
const pgDir = path.join(scratch, "pg");
let pgPort: number;
let database: EmbeddedDatabase;
let sshd: TestSshd;
let previousUrl: string | undefined;
const workers = new Set<ChildProcess>();

async function startDatabase() {
  database = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, password: "crash" });
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    env: { ...process.env, DATABASE_URL: database.url, GRIDSHIFT_DATA_DIR: path.join(scratch, "data"), GRIDSHIFT_WATCH_INTERVAL_MS: "300", GRIDSHIFT_START_MAX_ATTEMPTS: "20" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Worker output goes to a file, for diagnosing a failure.
  const logFile = createWriteStream(path.join(os.tmpdir(), "gridshift-crash-worker.log"), { flags: "a" });
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  workers.add(child);
  child.once("exit", () => workers.delete(child));
  return child;
}

function kill9(child: ChildProcess) {
  child.kill("SIGKILL");
  return new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.once("exit", r)));
}

// Re-attaching after a crash waits for the dead watcher's lease to lapse and the next tick:
// up to about 90 s on a loaded machine.
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FINAL = ["succeeded", "failed", "timed_out", "cancelled", "lost"];

async function sshServer(organisationId: string, maxConcurrentTasks = 1) {
  return createServer(
    organisationId,
    ZServerInput.parse({
      name: `sshd-${randomBytes(3).toString("hex")}`, kind: "ssh", host: sshd.host, port: sshd.port, username: sshd.username,
      authMethod: "key", privateKey: sshd.userKey.privateKey, gridZone: "uk:national", maxConcurrentTasks,
    }),
  );
}

/** A job that prints numbered lines and appends one line to a marker file when it completes. */
function countedCommand(marker: string, lines: number, pause = "0.1") {
  return `for i in $(seq 1 ${lines}); do echo "line $i"; sleep ${pause}; done; echo "$GRIDSHIFT_RUN_ID" >> '${marker}'; exit 0`;
}

async function fullLog(runId: string) {
  const chunks = await db().runLogChunk.findMany({ where: { runId }, orderBy: { offset: "asc" } });
  return chunks.map((c) => c.content).join("");
}

function expectAllLines(log: string, lines: number) {
  const seen = log.split("\n").filter((l) => l.startsWith("line "));
  expect(seen).toEqual(Array.from({ length: lines }, (_, i) => `line ${i + 1}`));
}

beforeAll(async () => {
  pgPort = await freePort();
  await startDatabase();
  await migrate(database.url);
  previousUrl = process.env.DATABASE_URL;
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  sshd = await startSshd();
}, 120_000);

afterAll(async () => {
  await Promise.all([...workers].map(kill9));
  await sshd?.stop();
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  await database?.stop();
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

describe("crash safety", () => {
  it("kill -9 of the worker at random moments: the run is re-attached and runs exactly once", async () => {
    const { organisationId } = await seedTenant("crash");
    const server = await sshServer(organisationId);
    const marker = path.join(scratch, "kill9.marker");
    const task = await seedTask(organisationId, server.id, { command: countedCommand(marker, 40), workingDirectory: "/tmp", carbonPolicy: "run_now", expectedDurationMinutes: 1 });
    let worker = startWorker();
    const run = await until("the run to start", () => db().run.findFirst({ where: { taskId: task.id, status: "running" } }));
    for (let k = 0; k < 3; k++) {
      await sleep(300 + Math.random() * 900);
      await kill9(worker);
      worker = startWorker();
    }
    const done = await until("the run to finish", async () => {
      const r = await db().run.findUnique({ where: { id: run.id } });
      return r && FINAL.includes(r.status) ? r : null;
    });
    expect(done).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(await db().run.count({ where: { taskId: task.id } })).toBe(1);
    expect(readFileSync(marker, "utf8").trim().split("\n")).toEqual([run.id]);
    expectAllLines(await fullLog(run.id), 40);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("succeeded");
    await kill9(worker);
  }, 240_000);

  it("three workers at once never run a task twice", async () => {
    const { organisationId } = await seedTenant("fleet");
    const server = await sshServer(organisationId, 4);
    const marker = path.join(scratch, "fleet.marker");
    const tasks: Awaited<ReturnType<typeof seedTask>>[] = [];
    for (let i = 0; i < 8; i++) tasks.push(await seedTask(organisationId, server.id, { command: countedCommand(marker, 3, "0.05"), workingDirectory: "/tmp", carbonPolicy: "run_now", expectedDurationMinutes: 1 }));
    const fleet = [startWorker(), startWorker(), startWorker()];
    await until("all tasks to finish", async () => (await db().task.count({ where: { id: { in: tasks.map((t) => t.id) }, status: "succeeded" } })) === tasks.length, 90_000);
    const runs = await db().run.findMany({ where: { taskId: { in: tasks.map((t) => t.id) } } });
    expect(runs).toHaveLength(tasks.length);
    const ranIds = readFileSync(marker, "utf8").trim().split("\n");
    expect(ranIds.sort()).toEqual(runs.map((r) => r.id).sort());
    await Promise.all(fleet.map(kill9));
  }, 120_000);

  it("a PostgreSQL restart mid-run loses nothing", async () => {
    const { organisationId } = await seedTenant("pg");
    const server = await sshServer(organisationId);
    const marker = path.join(scratch, "pg.marker");
    const task = await seedTask(organisationId, server.id, { command: countedCommand(marker, 50), workingDirectory: "/tmp", carbonPolicy: "run_now", expectedDurationMinutes: 1 });
    const worker = startWorker();
    const run = await until("the run to start", () => db().run.findFirst({ where: { taskId: task.id, status: "running" } }));
    await sleep(800);
    await disconnectDb();
    await database.stop();
    await sleep(2500);
    await startDatabase();
    const done = await until("the run to finish", async () => {
      const r = await db().run.findUnique({ where: { id: run.id } });
      return r && FINAL.includes(r.status) ? r : null;
    });
    expect(done).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(readFileSync(marker, "utf8").trim().split("\n")).toEqual([run.id]);
    expectAllLines(await fullLog(run.id), 50);
    await kill9(worker);
  }, 240_000);

  it("a dropped SSH connection mid-run: the job keeps running and is re-attached", async () => {
    const { organisationId } = await seedTenant("drop");
    const server = await sshServer(organisationId);
    const marker = path.join(scratch, "drop.marker");
    const task = await seedTask(organisationId, server.id, { command: countedCommand(marker, 40), workingDirectory: "/tmp", carbonPolicy: "run_now", expectedDurationMinutes: 1 });
    const worker = startWorker();
    const run = await until("the run to start", () => db().run.findFirst({ where: { taskId: task.id, status: "running" } }));
    await sleep(700);
    // Kill the per-connection sshd processes (children of the listener): the connection drops.
    spawn("pkill", ["-KILL", "-P", String(sshd.pid)]);
    const done = await until("the run to finish", async () => {
      const r = await db().run.findUnique({ where: { id: run.id } });
      return r && FINAL.includes(r.status) ? r : null;
    });
    expect(done).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(readFileSync(marker, "utf8").trim().split("\n")).toEqual([run.id]);
    expectAllLines(await fullLog(run.id), 40);
    await kill9(worker);
  }, 240_000);
});
