// One tick across the fleet: refresh intensity where due, plan every waiting task and every
// interrupted interruptible run (paused, or running past its piece), record the plans, claim what
// should start now, schedule the rest at their planned time, and make sure every active run has a
// watcher.
import { planTick, type Decision, type PlannerConfig } from "@/lib/domain/planner";
import { indexServers, noServerReason, priorityOrder, toPlannerServer, toPlannerTask, withServerNames } from "@/lib/domain/planning-input";
import { pastPieceEnd, resumePlanOf, toResumeTask } from "@/lib/domain/resume-plan";
import { samePieces, toStoredPieces } from "@/lib/domain/planned-pieces";
import {
  unsafeActiveRuns,
  unsafeClaimTask,
  unsafeLoadPlanningRows,
  unsafePlannedTasksDue,
  unsafeSavePlans,
  unsafeMarkReplanned,
  unsafeSaveResumePlans,
  watchLeaseLive,
  WATCH_LEASE_MS,
  type PlanningTask,
  type PlanUpdate,
} from "@/lib/data/worker-runs";
import { env, localServersEnabled, type TEnv } from "@/lib/env";
import { loadForecasts } from "@/worker/forecasts";
import { enqueueReaccounting } from "@/worker/jobs/account-run";
import { jobKeys, type AddJob, type AddJobs } from "@/worker/jobs/catalogue";

/** The planner as the worker runs it: settings from the validated environment (lib/env.ts). */
export function plannerConfig(settings: TEnv = env()): PlannerConfig {
  return {
    defaultWindowHours: settings.GRIDSHIFT_DEFAULT_WINDOW_HOURS,
    minSavingPercent: settings.GRIDSHIFT_MIN_SAVING_PERCENT,
    minSavingGrams: settings.GRIDSHIFT_MIN_SAVING_GRAMS,
    hysteresisPercent: settings.GRIDSHIFT_HYSTERESIS_PERCENT,
    maxPauses: settings.GRIDSHIFT_MAX_PAUSES,
    stepMinutes: 30,
  };
}

export type TickDeps = { addJob: AddJob; addJobs?: AddJobs; log: (line: string) => void; refreshIntensity?: (now: Date) => Promise<void> };

/** Planned carbon figures drift with every tick (the "if it started now" counterfactual moves with `now`): small drift is not news. */
const FIGURE_TOLERANCE = 0.01;

function close(stored: number | null, next: number | null): boolean {
  const n = next !== null && Number.isFinite(next) ? next : null; // as unsafeSavePlans stores it
  if (stored === null || n === null) return stored === n;
  return Math.abs(stored - n) <= FIGURE_TOLERANCE * Math.max(Math.abs(stored), Math.abs(n));
}

/**
 * Whether the stored plan already says what this one says: then its row and its dispatch job
 * stay as they are (re-adding the job would only move it in the queue). A dispatch job lost
 * in between is covered by the overdue safety net in `tick`.
 */
export function planUnchanged(stored: PlanningTask | undefined, p: PlanUpdate): boolean {
  if (!stored) return false;
  return (
    stored.status === (p.start ? "planned" : "queued") &&
    (stored.plannedStart?.getTime() ?? null) === (p.start?.getTime() ?? null) &&
    stored.plannedServerId === p.serverId &&
    stored.planReason === p.reason &&
    samePieces(stored.plannedPieces, p.pieces) &&
    close(stored.plannedCarbonG, p.expectedCarbonG) &&
    close(stored.counterfactualCarbonG, p.counterfactualCarbonG)
  );
}

function planOf(decision: Decision, serverNames: Map<string, string>, noServer: string | undefined): PlanUpdate {
  const reason = decision.action === "infeasible" && noServer ? noServer : withServerNames(decision.reason, serverNames);
  if (decision.action === "infeasible") return { taskId: decision.taskId, serverId: null, start: null, reason, expectedCarbonG: null, counterfactualCarbonG: null, pieces: [] };
  // Every plan's pieces are stored, one piece too: the watcher of an interruptible run follows them,
  // and pieces left from an earlier split plan would pause it where the new plan does not.
  return { taskId: decision.taskId, serverId: decision.serverId, start: decision.start, reason, expectedCarbonG: decision.expectedCarbonG, counterfactualCarbonG: decision.counterfactualCarbonG, pieces: toStoredPieces(decision.pieces) };
}

const DISPATCH_BATCH = 500;

/**
 * Dispatch jobs for the plans that changed, a batch per statement when the runner offers it:
 * one add per waiting task made a tick over 1,000 waiting tasks take 20-37 s (bench/dispatch.ts).
 */
async function addDispatchJobs(plans: { taskId: string; start: Date }[], deps: TickDeps): Promise<void> {
  const jobs = plans.map((p) => ({ name: "dispatch-task" as const, payload: { taskId: p.taskId }, jobKey: jobKeys.dispatch(p.taskId), runAt: p.start }));
  if (!deps.addJobs) {
    for (const j of jobs) await deps.addJob(j.name, j.payload, { jobKey: j.jobKey, jobKeyMode: "replace", runAt: j.runAt });
    return;
  }
  for (let i = 0; i < jobs.length; i += DISPATCH_BATCH) await deps.addJobs(jobs.slice(i, i + DISPATCH_BATCH));
}

export async function claimAndStart(taskId: string, deps: Pick<TickDeps, "addJob" | "log">, now: Date): Promise<string | null> {
  const runId = await unsafeClaimTask(taskId, now);
  if (!runId) return null;
  deps.log(`task ${taskId}: run ${runId} claimed`);
  await deps.addJob("start-run", { runId }, { jobKey: jobKeys.start(runId), maxAttempts: 25 });
  return runId;
}

export async function tick(deps: TickDeps, now = new Date()): Promise<{ planned: number; started: number; replanned: number }> {
  if (deps.refreshIntensity) await deps.refreshIntensity(now).catch((e) => deps.log(`intensity refresh failed: ${(e as Error).message}`));
  const config = plannerConfig();
  const rows = await unsafeLoadPlanningRows();
  const index = indexServers(rows.servers, { localServers: localServersEnabled() });
  // Paused interruptible runs, and running ones past their piece's end, are planned again with the
  // waiting tasks, on their own server; their slot is theirs to plan, not busy.
  const interrupted = new Map(
    rows.interruptible.filter((r) => index.byId.has(r.serverId) && (r.status === "paused" || pastPieceEnd(r, now))).map((r) => [r.task.id, r]),
  );
  const replanned = new Set([...interrupted.values()].map((r) => r.runId));
  const active = rows.active.filter((a) => !replanned.has(a.runId));
  const servers = rows.servers.filter((s) => index.byId.has(s.id)).map((s) => toPlannerServer(s, active, now));
  const waiting = priorityOrder(rows.tasks).map((t, i) => toPlannerTask(t, index, i));
  const tasks = [...waiting, ...[...interrupted.values()].map((r) => toResumeTask(r, config, now))];
  const serverNames = new Map(rows.servers.map((s) => [s.id, s.name]));
  const zones = [...new Set(servers.map((s) => s.zone))];
  const planned = tasks.length ? planTick({ now, tasks, servers, forecasts: await loadForecasts(zones, now, { log: deps.log }), config }) : [];
  const resumes = planned.flatMap((d) => {
    const run = interrupted.get(d.taskId);
    const plan = run && resumePlanOf(d, run, serverNames);
    return plan ? [plan] : [];
  });
  await unsafeSaveResumePlans(resumes, now);
  const newPlan = new Set(resumes.map((p) => p.runId));
  await unsafeMarkReplanned(rows.interruptible.filter((r) => pastPieceEnd(r, now) && !newPlan.has(r.runId)).map((r) => r.task.id), now);
  const decisions = planned.filter((d) => !interrupted.has(d.taskId));
  // Plans are written in one statement, then tasks starting now are claimed in priority
  // order (a claim reads the plan), then the others get their dispatch jobs.
  const stored = new Map(rows.tasks.map((t) => [t.id, t]));
  const withoutServer = new Set(waiting.filter((t) => t.eligibleServerIds.length === 0).map((t) => t.id));
  const save: PlanUpdate[] = [];
  const startNow: string[] = [];
  const dispatch: { taskId: string; start: Date }[] = [];
  for (const decision of decisions) {
    const plan = planOf(decision, serverNames, withoutServer.has(decision.taskId) ? noServerReason(stored.get(decision.taskId)!, index) : undefined);
    const startsNow = decision.action === "start_now" || (decision.action === "wait" && decision.start.getTime() <= now.getTime());
    const unchanged = planUnchanged(stored.get(decision.taskId), plan);
    if (!unchanged || startsNow) save.push(plan);
    if (decision.action === "infeasible") continue;
    if (startsNow) startNow.push(decision.taskId);
    else if (!unchanged) dispatch.push({ taskId: decision.taskId, start: decision.start });
  }
  await unsafeSavePlans(save, now);
  const claimed = new Set<string | null>();
  for (const taskId of startNow) claimed.add(await claimAndStart(taskId, deps, now));
  await addDispatchJobs(dispatch, deps);
  const started = decisions.filter((d) => d.action === "start_now").length;
  // Safety net for dispatch jobs lost with a crashed worker: anything overdue starts now.
  for (const due of await unsafePlannedTasksDue(now)) claimed.add(await claimAndStart(due.id, deps, now));
  // Every active run has a job looking after it. A job locked by a worker that died stays
  // locked, but adding one under the same key then creates a fresh one: a crash costs a tick.
  // Runs claimed by this tick already have their start job (adding it again while a worker
  // runs it would start a duplicate), and a live watcher chain keeps its job (watchLeaseLive).
  for (const run of await unsafeActiveRuns()) {
    if (run.status === "starting") {
      if (!claimed.has(run.id)) await deps.addJob("start-run", { runId: run.id }, { jobKey: jobKeys.start(run.id), jobKeyMode: "preserve_run_at", maxAttempts: 25 });
    } else if (!watchLeaseLive(run.watchedAt, now)) {
      await deps.addJob("watch-run", { runId: run.id }, { jobKey: jobKeys.watch(run.id), jobKeyMode: "preserve_run_at" });
    } else {
      // The lease looks live, but its worker may have just died: a standby chain wakes as the
      // lease would lapse and takes over only if nobody renewed it (else it ends at once).
      const lapse = new Date(run.watchedAt!.getTime() + WATCH_LEASE_MS + 1000);
      await deps.addJob("watch-run", { runId: run.id }, { jobKey: jobKeys.standby(run.id), jobKeyMode: "replace", runAt: lapse });
    }
  }
  await enqueueReaccounting(deps, now);
  return { planned: decisions.length, started, replanned: interrupted.size };
}
