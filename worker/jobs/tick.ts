// One tick across the fleet: refresh intensity where due, plan every waiting task, record
// the plans, claim what should start now, schedule the rest at their planned time, and make
// sure every active run has a watcher.
import { planTick, type Decision, type PlannerConfig } from "@/lib/domain/planner";
import { priorityOrder, toPlannerServer, toPlannerTask } from "@/lib/domain/planning-input";
import { unsafeActiveRuns, unsafeClaimTask, unsafeLoadPlanningRows, unsafePlannedTasksDue, unsafeSavePlan } from "@/lib/data/worker-runs";
import { loadForecasts } from "@/worker/forecasts";
import { enqueueReaccounting } from "@/worker/jobs/account-run";
import { jobKeys, type AddJob } from "@/worker/jobs/catalogue";

export const PLANNER_CONFIG: PlannerConfig = {
  defaultWindowHours: Number(process.env.GRIDSHIFT_DEFAULT_WINDOW_HOURS ?? 24),
  minSavingPercent: Number(process.env.GRIDSHIFT_MIN_SAVING_PERCENT ?? 5),
  hysteresisPercent: Number(process.env.GRIDSHIFT_HYSTERESIS_PERCENT ?? 3),
  maxPauses: Number(process.env.GRIDSHIFT_MAX_PAUSES ?? 4),
  stepMinutes: 30,
};

export type TickDeps = { addJob: AddJob; log: (line: string) => void; refreshIntensity?: (now: Date) => Promise<void> };

async function applyDecision(decision: Decision, deps: TickDeps, now: Date): Promise<void> {
  if (decision.action === "infeasible") {
    await unsafeSavePlan({ taskId: decision.taskId, serverId: null, start: null, reason: decision.reason, expectedCarbonG: null, counterfactualCarbonG: null, pieces: null }, now);
    return;
  }
  const pieces = decision.pieces.length > 1 ? decision.pieces.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })) : null;
  await unsafeSavePlan(
    { taskId: decision.taskId, serverId: decision.serverId, start: decision.start, reason: decision.reason, expectedCarbonG: decision.expectedCarbonG, counterfactualCarbonG: decision.counterfactualCarbonG, pieces },
    now,
  );
  if (decision.action === "start_now" || decision.start.getTime() <= now.getTime()) {
    await claimAndStart(decision.taskId, deps, now);
  } else {
    await deps.addJob("dispatch-task", { taskId: decision.taskId }, { jobKey: jobKeys.dispatch(decision.taskId), jobKeyMode: "replace", runAt: decision.start });
  }
}

export async function claimAndStart(taskId: string, deps: Pick<TickDeps, "addJob" | "log">, now: Date): Promise<string | null> {
  const runId = await unsafeClaimTask(taskId, now);
  if (!runId) return null;
  deps.log(`task ${taskId}: run ${runId} claimed`);
  await deps.addJob("start-run", { runId }, { jobKey: jobKeys.start(runId), maxAttempts: 25 });
  return runId;
}

export async function tick(deps: TickDeps, now = new Date()): Promise<{ planned: number; started: number }> {
  if (deps.refreshIntensity) await deps.refreshIntensity(now).catch((e) => deps.log(`intensity refresh failed: ${(e as Error).message}`));
  const rows = await unsafeLoadPlanningRows();
  const servers = rows.servers.filter((s) => !s.hostKeyMismatch).map((s) => toPlannerServer(s, rows.active, now));
  const tasks = priorityOrder(rows.tasks).map((t, i) => toPlannerTask(t, rows.servers, i));
  const zones = [...new Set(servers.map((s) => s.zone))];
  const decisions = tasks.length ? planTick({ now, tasks, servers, forecasts: await loadForecasts(zones, now), config: PLANNER_CONFIG }) : [];
  let started = 0;
  for (const decision of decisions) {
    await applyDecision(decision, deps, now);
    if (decision.action === "start_now") started += 1;
  }
  // Safety net for dispatch jobs lost with a crashed worker: anything overdue starts now.
  for (const due of await unsafePlannedTasksDue(now)) await claimAndStart(due.id, deps, now);
  // Every active run has a job looking after it. A job locked by a worker that died stays
  // locked, but adding one under the same key then creates a fresh one: a crash costs a tick.
  for (const run of await unsafeActiveRuns()) {
    if (run.status === "starting") await deps.addJob("start-run", { runId: run.id }, { jobKey: jobKeys.start(run.id), jobKeyMode: "preserve_run_at", maxAttempts: 25 });
    else await deps.addJob("watch-run", { runId: run.id }, { jobKey: jobKeys.watch(run.id), jobKeyMode: "preserve_run_at" });
  }
  await enqueueReaccounting(deps, now);
  return { planned: decisions.length, started };
}
