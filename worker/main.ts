// The worker process: graphile-worker (jobs in PostgreSQL, SKIP LOCKED claiming, cron that
// fires once across the fleet, retries with back-off) running GridShift's job catalogue.
// SIGTERM/SIGINT: stop taking work, let running jobs finish, release their locks, exit.
import { Logger, parseCronItems, run, type JobHelpers, type TaskList } from "graphile-worker";
import { prepareRuntime, type Runtime } from "@/lib/cli/runtime";
import { stopEmbeddedPostgresOnlyWhenAsked } from "@/lib/db/embedded";
import { disconnectDb } from "@/lib/db/client";
import { env, parseEnv } from "@/lib/env";
import { closeExecutors } from "@/worker/executors";
import { TICK_NOW, type AddJob, type AddJobs, type JobPayloads } from "@/worker/jobs/catalogue";
import { accountRunJob } from "@/worker/jobs/account-run";
import { dispatchTask } from "@/worker/jobs/dispatch-task";
import { startRun } from "@/worker/jobs/start-run";
import { tick } from "@/worker/jobs/tick";
import { watchRun } from "@/worker/jobs/watch-run";
import { refreshIntensityIfDue } from "@/worker/intensity";

const log = (line: string) => console.log(`[worker] ${line}`);

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.log(`[worker] graphile-worker ${level}: ${message}`);
});

function adder(helpers: JobHelpers): AddJob {
  return (name, payload, spec) => helpers.addJob(name as string, payload, spec);
}

const taskList: TaskList = {
  tick: async (_payload, helpers) => {
    const began = Date.now();
    const addJobs: AddJobs = (jobs) => helpers.addJobs(jobs.map((j) => ({ identifier: j.name, payload: j.payload, jobKey: j.jobKey, runAt: j.runAt })));
    const result = await tick({ addJob: adder(helpers), addJobs, log, refreshIntensity: refreshIntensityIfDue });
    const paused = result.replanned ? `, re-planned ${result.replanned} paused run(s)` : "";
    if (result.planned || result.replanned) log(`tick: planned ${result.planned} task(s), started ${result.started}${paused} in ${Date.now() - began} ms`);
  },
  "dispatch-task": async (payload, helpers) => dispatchTask((payload as JobPayloads["dispatch-task"]).taskId, { addJob: adder(helpers), log }),
  "account-run": async (payload) => accountRunJob((payload as JobPayloads["account-run"]).runId, { log }),
  "start-run": async (payload, helpers) => startRun((payload as JobPayloads["start-run"]).runId, { addJob: adder(helpers), log }),
  "watch-run": async (payload, helpers) => {
    const { runId, watcher } = payload as JobPayloads["watch-run"];
    await watchRun(runId, { addJob: adder(helpers), log }, new Date(), watcher);
  },
};

/** Cron has minute granularity: the tick period is rounded to whole minutes (at least one). */
export function tickCron(tickSeconds: number): string {
  const minutes = Math.max(1, Math.round(tickSeconds / 60));
  return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
}

function startRunner(databaseUrl: string) {
  return run({
    connectionString: databaseUrl,
    concurrency: env().GRIDSHIFT_WORKER_CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: quietLogger,
    taskList,
    parsedCronItems: parseCronItems([{ task: "tick", match: tickCron(env().GRIDSHIFT_WORKER_TICK_SECONDS), identifier: "gridshift-tick", options: { backfillPeriod: 0, maxAttempts: 1 } }]),
  });
}

async function main() {
  // The job engine can reject in the background while the database is away (failing a job
  // it could not reach the database for); that must not kill the process running the fleet.
  process.on("unhandledRejection", (reason) => log(`background error: ${(reason as Error)?.message ?? String(reason)}`));
  // A bad setting fails now, naming the variable, not in the runner's restart loop. Not env(): its
  // cache would miss what prepareRuntime sets.
  parseEnv(process.env);
  let runtime: Runtime | undefined;
  let runner: Awaited<ReturnType<typeof startRunner>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing running jobs, taking no new work`);
    await runner?.stop().catch(() => {});
    await closeExecutors();
    await disconnectDb();
    await runtime?.stop(); // a database this process started goes last
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  stopEmbeddedPostgresOnlyWhenAsked();
  runtime = await prepareRuntime(log);

  // A lost database (restart, failover) ends the runner; start it again with back-off
  // instead of exiting, so runs in flight are picked up as soon as the database is back.
  for (let failures = 0; !stopping; ) {
    try {
      runner = await startRunner(runtime.databaseUrl);
      // Plan at once rather than waiting for the first cron minute.
      await runner.addJob("tick", {}, TICK_NOW);
      log(`started (pid ${process.pid})`);
      failures = 0;
      await runner.promise;
    } catch (error) {
      failures += 1;
      const waitMs = Math.min(30_000, 500 * 2 ** failures);
      log(`job runner stopped (${(error as Error).message}); restarting in ${waitMs} ms`);
      await runner?.stop().catch(() => {});
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

main().catch((error) => {
  console.error(`[worker] ${(error as Error).message}`);
  process.exit(1);
});
