// Dispatch benchmark: `npm run bench:dispatch [-- --tasks=1000 --hosts=10 --workers=1,2,4 --slots=4
// --concurrency=8 --watch-ms=300 --timeout-min=30]`. Real worker processes dispatch short run_now
// tasks to loopback sshd hosts; prints one table and writes bench/results/dispatch.json.
// Bounded: each worker count has its own deadline and the whole script a global one.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDb } from "@/lib/db/client";
import type { TestSshd } from "@/lib/testing/sshd";
import type { TestDatabase } from "@/lib/testing/test-db";
import {
  BENCH_COMMAND, countLines, db, killWorkersNow, randomKey, removeRunDirs, sampleRss, seedDatabase, startHosts, startWorkers, stopWorkers, type WorkerProcess,
} from "./lib/dispatch-harness";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const TASKS = Number(arg("tasks", "1000"));
const HOSTS = Number(arg("hosts", "10"));
const SLOTS = Number(arg("slots", "4"));
const WORKER_COUNTS = arg("workers", "1,2,4").split(",").map(Number);
const CONCURRENCY = arg("concurrency", "8");
const WATCH_MS = arg("watch-ms", "300");
const TIMEOUT_MS = Number(arg("timeout-min", "30")) * 60_000;
const PER_COUNT_MS = Math.max(60_000, Math.floor(TIMEOUT_MS / (WORKER_COUNTS.length + 0.5)));
const FINAL = ["succeeded", "failed", "cancelled"] as const;

type Stats = { median: number; p99: number; max: number };
type Result = {
  workers: number; tasks: number; succeeded: number; failed: number; finished: boolean; seconds: number; tasksPerSecond: number;
  plannedToRemoteStartMs: Stats; plannedToStartedAtMs: Stats; claimToRemoteStartMs: Stats;
  peakRssMb: number[]; ticks: number;
};

const scratch = mkdtempSync(path.join(os.tmpdir(), "gridshift-bench-dispatch-"));
let hosts: TestSshd[] = [];
let workers: WorkerProcess[] = [];
let database: TestDatabase | undefined;
const runIds: string[] = [];

function stats(values: number[]): Stats {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return { median: NaN, p99: NaN, max: NaN };
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: Math.round(rank(0.5)), p99: Math.round(rank(0.99)), max: Math.round(sorted[sorted.length - 1]) };
}

async function cleanup(): Promise<void> {
  killWorkersNow(workers);
  await Promise.allSettled(hosts.map((h) => h.stop()));
  await disconnectDb().catch(() => {});
  await database?.drop().catch(() => {});
  await removeRunDirs(runIds).catch(() => {});
  if (process.argv.includes("--keep")) console.log(`kept worker logs in ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

const hardStop = setTimeout(async () => {
  console.error(`bench:dispatch: global timeout (${TIMEOUT_MS / 60_000} min) reached, cleaning up`);
  await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 20_000))]);
  process.exit(2);
}, TIMEOUT_MS);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 20_000))]);
    process.exit(130);
  });
}

async function measure(count: number): Promise<Result> {
  database = await seedDatabase(hosts, TASKS, SLOTS);
  const env = { DATABASE_URL: database.url, GRIDSHIFT_SECRET_KEY: process.env.GRIDSHIFT_SECRET_KEY!, GRIDSHIFT_WATCH_INTERVAL_MS: WATCH_MS, GRIDSHIFT_WORKER_CONCURRENCY: CONCURRENCY };
  workers = startWorkers(count, env, scratch);
  const deadline = Date.now() + PER_COUNT_MS;
  let done = 0;
  while (Date.now() < deadline) {
    sampleRss(workers);
    done = await db().task.count({ where: { status: { in: [...FINAL] } } });
    if (done >= TASKS) break;
    if (workers.every((w) => w.exitedEarly)) throw new Error(`all workers exited; see ${scratch}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  sampleRss(workers);
  await stopWorkers(workers);
  const ticks = workers.reduce((n, w) => n + countLines(w.logPath, /tick: planned/), 0);

  const runs = await db().run.findMany({ select: { id: true, status: true, plannedStart: true, createdAt: true, startedAt: true, finishedAt: true } });
  runIds.push(...runs.map((r) => r.id));
  const firstChunks = await db().runLogChunk.findMany({ where: { offset: 0 }, select: { runId: true, content: true } });
  const remoteStart = new Map(firstChunks.map((c) => [c.runId, Number(c.content.split("\n")[0]) * 1000]));
  const ms = (a: Date | null, b: Date | null) => (a && b ? b.getTime() - a.getTime() : NaN);
  const firstClaim = Math.min(...runs.map((r) => r.createdAt.getTime()));
  const lastFinish = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? 0));
  const seconds = (lastFinish - firstClaim) / 1000;
  const succeeded = runs.filter((r) => r.status === "succeeded").length;
  const result: Result = {
    workers: count,
    tasks: TASKS,
    succeeded,
    failed: runs.filter((r) => !["succeeded", "starting", "running", "paused"].includes(r.status)).length,
    finished: done >= TASKS,
    seconds: Math.round(seconds * 10) / 10,
    tasksPerSecond: Math.round((done / seconds) * 10) / 10,
    plannedToRemoteStartMs: stats(runs.map((r) => (remoteStart.get(r.id) ?? NaN) - (r.plannedStart?.getTime() ?? NaN))),
    plannedToStartedAtMs: stats(runs.map((r) => ms(r.plannedStart, r.startedAt))),
    claimToRemoteStartMs: stats(runs.map((r) => (remoteStart.get(r.id) ?? NaN) - r.createdAt.getTime())),
    peakRssMb: workers.map((w) => Math.round(w.peakRssKb / 1024)),
    ticks,
  };
  await disconnectDb();
  await database.drop();
  database = undefined;
  workers = [];
  return result;
}

function printTable(results: Result[]) {
  const rows = [
    ["workers", "done", "failed", "seconds", "tasks/s", "planned→remote start median / p99 ms", "planned→startedAt median / p99 ms", "claim→remote start median / p99 ms", "peak RSS MB per worker", "ticks"],
    ...results.map((r) => [
      String(r.workers), `${r.succeeded + r.failed}/${r.tasks}${r.finished ? "" : " (timed out)"}`, String(r.failed), String(r.seconds), String(r.tasksPerSecond),
      `${r.plannedToRemoteStartMs.median} / ${r.plannedToRemoteStartMs.p99}`, `${r.plannedToStartedAtMs.median} / ${r.plannedToStartedAtMs.p99}`,
      `${r.claimToRemoteStartMs.median} / ${r.claimToRemoteStartMs.p99}`, r.peakRssMb.join(", "), String(r.ticks),
    ]),
  ];
  console.log(rows.map((cells, i) => `| ${cells.join(" | ")} |${i === 0 ? `\n|${cells.map((_, j) => (j < 1 ? "---" : "---:")).join("|")}|` : ""}`).join("\n"));
}

async function main() {
  process.env.GRIDSHIFT_SECRET_KEY ??= randomKey();
  const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;
  console.log(`bench:dispatch: ${TASKS} tasks (\`${BENCH_COMMAND}\`), ${HOSTS} loopback sshd hosts × ${SLOTS} slots, workers ${WORKER_COUNTS.join("/")}, concurrency ${CONCURRENCY}, watch ${WATCH_MS} ms; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
  hosts = await startHosts(HOSTS);
  const results: Result[] = [];
  for (const count of WORKER_COUNTS) {
    const started = Date.now();
    results.push(await measure(count));
    console.log(`  ${count} worker(s): ${results.at(-1)!.tasksPerSecond} tasks/s (${Math.round((Date.now() - started) / 1000)} s with seeding)`);
  }
  printTable(results);
  const out = path.join(import.meta.dirname, "results");
  mkdirSync(out, { recursive: true });
  const setup = { tasks: TASKS, hosts: HOSTS, slotsPerHost: SLOTS, command: BENCH_COMMAND, workerConcurrency: Number(CONCURRENCY), watchIntervalMs: Number(WATCH_MS), cpus: os.cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: Math.round(os.loadavg()[0] * 100) / 100 };
  writeFileSync(path.join(out, "dispatch.json"), JSON.stringify({ measuredAt: new Date().toISOString(), setup, results }, null, 2) + "\n");
  console.log(`wrote ${path.join("bench", "results", "dispatch.json")}`);
}

main()
  .then(async () => {
    clearTimeout(hardStop);
    await cleanup();
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(`bench:dispatch: ${(error as Error).stack ?? error}`);
    clearTimeout(hardStop);
    await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 20_000))]);
    process.exit(1);
  });
