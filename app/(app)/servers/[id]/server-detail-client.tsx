"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/swr/fetcher";
import { useSWRConfig } from "swr";
import { keys, useServer, useTasks } from "@/lib/swr/hooks";
import { ConfirmDelete } from "@/app/_components/confirm-delete";
import { ServerForm } from "@/app/_components/server-form";
import { Button, Card, ErrorNote, StatusBadge } from "@/app/_components/ui";
import { authSummary } from "./auth-summary";

export function ServerDetailClient({ id, canManage, localServers }: { id: string; canManage: boolean; localServers: boolean }) {
  const { data, error, mutate } = useServer(id);
  const { data: tasks } = useTasks(id);
  const router = useRouter();
  const { mutate: globalMutate } = useSWRConfig();
  const [editing, setEditing] = useState(false);
  if (error) return <div className="p-6"><ErrorNote message="Could not load this server." /></div>;
  if (!data) return <p className="animate-pulse p-6 text-slate-500">Loading…</p>;
  const s = data.server;

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4 p-6">
      <Link href={`/?server=${s.id}`} className="text-sm text-emerald-700 hover:underline dark:text-emerald-400">← Dashboard</Link>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{s.name}</h1>
        {canManage && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setEditing((e) => !e)}>{editing ? "Close editor" : "Edit"}</Button>
            <ConfirmDelete
              what="server"
              consequence={`Deleting ${s.name} also deletes its ${tasks?.tasks.length ?? 0} task(s) and their run history. This cannot be undone.`}
              onConfirm={async () => {
                await api(`/api/servers/${s.id}`, { method: "DELETE" });
                await globalMutate(keys.servers);
                router.push("/");
              }}
            />
          </div>
        )}
      </div>
      {s.hostKeyMismatch && (
        <Card className="border-red-400">
          <p className="font-semibold text-red-700 dark:text-red-400">The server presented a different host key ({s.hostKeyMismatch}) than the pinned one. Tasks will not run on it.</p>
          <p className="mt-1 text-sm">If the server was reinstalled on purpose, re-pin the key: the next connection will trust the new one.</p>
          {canManage && (
            <Button className="mt-2" variant="danger" onClick={async () => { await api(`/api/servers/${s.id}`, { method: "PATCH", body: { resetHostKey: true } }); await mutate(); }}>
              Re-pin host key
            </Button>
          )}
        </Card>
      )}
      {editing ? (
        <Card>
          <ServerForm server={s} localServers={localServers} onSaved={async () => { await mutate(); await globalMutate(keys.servers); setEditing(false); }} />
        </Card>
      ) : (
        <Card>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
            <dt className="text-slate-500">Kind</dt><dd>{s.kind}</dd>
            {s.kind === "ssh" && (<><dt className="text-slate-500">Address</dt><dd className="font-mono">{s.username}@{s.host}:{s.port}</dd>
            <dt className="text-slate-500">Authentication</dt><dd data-testid="authentication">{authSummary(s)}</dd>
            <dt className="text-slate-500">Host key</dt><dd className="font-mono text-xs" data-testid="host-key">{s.hostKeyFingerprint ?? "not pinned yet (pinned on first connection)"}</dd></>)}
            <dt className="text-slate-500">Grid zone</dt><dd>{s.gridZone}</dd>
            <dt className="text-slate-500">Tags</dt><dd>{s.tags.join(", ") || "—"}</dd>
            <dt className="text-slate-500">CPU TDP</dt><dd>{s.cpuTdpWatts} W</dd>
            <dt className="text-slate-500">vCPUs (for tasks / total)</dt><dd>{s.vcpusAvailable} / {s.vcpusTotal}</dd>
            <dt className="text-slate-500">Memory</dt><dd>{s.memoryGb} GB</dd>
            <dt className="text-slate-500">Embodied emissions</dt><dd>{s.embodiedGco2e.toLocaleString()} gCO2e over {s.lifespanYears} years</dd>
            <dt className="text-slate-500">Max concurrent tasks</dt><dd>{s.maxConcurrentTasks}</dd>
            {s.lastConnectionError && (<><dt className="text-slate-500">Last connection error</dt><dd className="text-red-600">{s.lastConnectionError}</dd></>)}
          </dl>
        </Card>
      )}
      <Card>
        <h2 className="mb-2 font-semibold">Tasks on this server</h2>
        {!tasks ? <p className="text-slate-500">Loading…</p> : tasks.tasks.length === 0 ? <p className="text-sm text-slate-500">None yet.</p> : (
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {tasks.tasks.map((t) => (
              <li key={t.id} className="flex items-center justify-between py-2">
                <Link href={`/tasks/${t.id}`} className="hover:underline">{t.name}</Link>
                <StatusBadge status={t.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
