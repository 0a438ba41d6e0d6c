// A task's plan reason as its viewer reads it: times in their own zone, like every other time on
// the dashboard (the worker writes them in UTC).
import type { TaskDto } from "@/lib/data/tasks";
import { localiseReasonTimes } from "@/lib/domain/reason-times";

export function planReasonForViewer(task: Pick<TaskDto, "planReason" | "plannedAt" | "updatedAt">, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone): string | null {
  if (!task.planReason) return null;
  return localiseReasonTimes(task.planReason, new Date(task.plannedAt ?? task.updatedAt), timeZone);
}
