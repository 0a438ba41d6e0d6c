"use client";
import Link from "next/link";
import type { TaskDto } from "@/lib/data/tasks";
import { StatusBadge } from "@/app/_components/ui";
import { planReasonForViewer } from "@/app/_components/plan-reason";
import { retryNote } from "@/lib/domain/run-failure";

// A finished task's last plan is history, not news ("waiting for 22:00" on a cancelled task misleads).
const FINISHED = new Set<TaskDto["status"]>(["succeeded", "failed", "cancelled"]);
// Queued or planned again after a failed attempt: the card says so until the next run starts.
const WAITING = new Set<TaskDto["status"]>(["queued", "planned"]);

export function TaskCard({ task, handle }: { task: TaskDto; handle?: React.ReactNode }) {
  return (
    <article data-testid="task-card" data-task-id={task.id} className="relative min-w-0 rounded-2xl border border-slate-200 bg-white p-4 pb-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start gap-2">
        {handle}
        <div className="min-w-0 flex-1">
          <h3 className="truncate font-semibold">
            <Link href={`/tasks/${task.id}`} className="hover:underline">
              {task.name}
            </Link>
          </h3>
          <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-100 px-2 py-1 font-mono text-xs wrap-anywhere dark:bg-slate-800">{task.command}</pre>
          <p className="mt-1 font-mono text-xs text-slate-500 wrap-anywhere dark:text-slate-400">{task.workingDirectory}</p>
          {task.description && <p className="mt-1 text-sm text-slate-700 wrap-anywhere dark:text-slate-300">{task.description}</p>}
          {task.planReason && !FINISHED.has(task.status) && <p className="mt-1 text-xs text-sky-700 wrap-anywhere dark:text-sky-300">{planReasonForViewer(task)}</p>}
          {/* A few lines at most: a long error must not blow up the card; the task page has it all. */}
          {task.status === "failed" && task.failure && (
            <p className="mt-1 line-clamp-3 text-xs text-red-700 wrap-anywhere dark:text-red-400" title={task.failure} data-testid="task-failure">
              {task.failure}
            </p>
          )}
          {WAITING.has(task.status) && task.failure && task.failedAttempt !== null && (
            <p className="mt-1 line-clamp-3 text-xs text-amber-700 wrap-anywhere dark:text-amber-300" title={task.failure} data-testid="task-retry">
              {retryNote(task.failedAttempt, task.maxRetries, task.failure)}
            </p>
          )}
        </div>
      </div>
      <div className="absolute bottom-2 right-3">
        <StatusBadge status={task.status} />
      </div>
    </article>
  );
}
