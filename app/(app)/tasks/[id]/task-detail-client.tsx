"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/swr/fetcher";
import { useSWRConfig } from "swr";
import { keys, useRuns, useServers, useTask } from "@/lib/swr/hooks";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { planReasonForViewer } from "@/app/_components/plan-reason";
import { RunLog } from "@/app/_components/run-log";
import { RunsCard } from "@/app/_components/runs-card";
import { TaskForm } from "@/app/_components/task-form";
import { Button, Card, ErrorNote, StatusBadge } from "@/app/_components/ui";
import { taskEditBlockedReason } from "@/lib/validation/task";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function TaskDetailClient({ id, canManage }: { id: string; canManage: boolean }) {
  const { data, error, mutate } = useTask(id);
  const { data: servers } = useServers();
  const { data: runs } = useRuns(id);
  const router = useRouter();
  const { mutate: globalMutate } = useSWRConfig();
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  if (error) return <div className="p-6"><ErrorNote message="Could not load this task." /></div>;
  if (!data) return <p className="animate-pulse p-6 text-slate-500">Loading…</p>;
  const t = data.task;
  const server = servers?.servers.find((s) => s.id === t.serverId);
  const cancellable = ["queued", "planned", "running", "paused"].includes(t.status) && !t.cancelRequestedAt;
  // Only work that has not started can be edited (the API answers 409 otherwise); an open editor
  // stays closable, and its save shows the 409 if the task started meanwhile.
  const editBlocked = taskEditBlockedReason(t.status);

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4 p-6">
      <Link href={`/?server=${t.serverId}`} className="text-sm text-emerald-700 hover:underline dark:text-emerald-400">← Dashboard</Link>
      <div className="flex items-center justify-between gap-4">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{t.name}</h1>
        <StatusBadge status={t.status} />
      </div>
      <ErrorNote message={actionError} />
      {canManage && editBlocked && !editing && <p id="edit-blocked" className="text-sm text-slate-500 dark:text-slate-400">{editBlocked}</p>}
      {canManage && (
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => setEditing((e) => !e)}
            disabled={!!editBlocked && !editing}
            title={editBlocked && !editing ? editBlocked : undefined}
            aria-describedby={editBlocked && !editing ? "edit-blocked" : undefined}
            className="disabled:cursor-not-allowed disabled:opacity-50"
          >
            {editing ? "Close editor" : "Edit"}
          </Button>
          {cancellable && (
            <Button variant="secondary" onClick={async () => {
              setActionError(null);
              try { await api(`/api/tasks/${t.id}/cancel`, { method: "POST" }); await mutate(); } catch (e) { setActionError((e as Error).message); }
            }}>Cancel task</Button>
          )}
          <ConfirmDelete what="task" consequence={`Deleting ${t.name} also deletes its run history and logs.`} onConfirm={async () => {
            await api(`/api/tasks/${t.id}`, { method: "DELETE" });
            await globalMutate(keys.tasks(t.serverId));
            router.push(`/?server=${t.serverId}`);
          }} />
        </div>
      )}
      {editing && servers ? (
        <Card><TaskForm servers={servers.servers} task={t} onSaved={async (saved) => { await mutate(); await globalMutate(keys.tasks(saved.serverId)); setEditing(false); }} /></Card>
      ) : (
        <Card>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-500">Server</dt><dd>{server?.name ?? "…"}</dd>
            <dt className="text-slate-500">Command</dt><dd className="min-w-0"><pre className="whitespace-pre-wrap font-mono text-xs wrap-anywhere">{t.command}</pre></dd>
            <dt className="text-slate-500">Working directory</dt><dd className="min-w-0 font-mono text-xs wrap-anywhere">{t.workingDirectory}</dd>
            <dt className="text-slate-500">Description</dt><dd className="min-w-0 whitespace-pre-wrap wrap-anywhere">{t.description || "—"}</dd>
            <dt className="text-slate-500">Expected duration</dt><dd>{t.expectedDurationMinutes} min</dd>
            <dt className="text-slate-500">Deadline</dt><dd>{when(t.deadline)}</dd>
            <dt className="text-slate-500">Carbon policy</dt><dd>{t.carbonPolicy === "threshold" ? `at or below ${t.carbonThresholdGPerKwh ?? t.carbonIndexBand}` : t.carbonPolicy.replace("_", " ")}</dd>
            <dt className="text-slate-500">Timeout / retries</dt><dd>{t.timeoutMinutes ? `${t.timeoutMinutes} min` : "none"} / {t.maxRetries}</dd>
            <dt className="text-slate-500">Interruptible</dt><dd>{t.interruptible ? "yes" : "no"}</dd>
            <dt className="text-slate-500">Plan</dt><dd>{planReasonForViewer(t) ?? (t.plannedStart ? `start at ${when(t.plannedStart)}` : "not planned yet")}</dd>
            {t.cancelRequestedAt && (<><dt className="text-slate-500">Cancel requested</dt><dd>{when(t.cancelRequestedAt)}</dd></>)}
          </dl>
        </Card>
      )}
      <RunsCard runs={runs?.runs} />
      {runs && runs.runs[0] && (
        <Card>
          <h2 className="mb-2 font-semibold">Log of run {runs.runs[0].attempt}</h2>
          <RunLog taskId={t.id} runId={runs.runs[0].id} />
        </Card>
      )}
    </div>
  );
}
