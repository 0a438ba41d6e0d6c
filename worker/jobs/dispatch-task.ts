// Fires at a task's planned start. The plan may have moved since (re-planning replaces this
// job); a task no longer planned for now is left to the next tick.
import { db } from "@/lib/db/client";
import { claimAndStart, type TickDeps } from "@/worker/jobs/tick";

const EARLY_TOLERANCE_MS = 5_000;

export async function dispatchTask(taskId: string, deps: Pick<TickDeps, "addJob" | "log">, now = new Date()): Promise<void> {
  const task = await db().task.findUnique({ where: { id: taskId }, select: { status: true, plannedStart: true, cancelRequestedAt: true } });
  if (!task || task.status !== "planned" || task.cancelRequestedAt || !task.plannedStart) return;
  if (task.plannedStart.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return;
  await claimAndStart(taskId, deps, now);
}
