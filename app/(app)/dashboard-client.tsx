"use client";
// The main screen: servers on the left, the selected server's queue on the right,
// intensity bottom-left (on phones, between the servers and the queue), the add button bottom-right.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSWRConfig } from "swr";
import { keys, useServers } from "@/lib/swr/hooks";
import { IntensitySlot } from "@/app/_components/intensity-slot";
import { ServerForm } from "@/app/_components/server-form";
import { TaskForm } from "@/app/_components/task-form";
import { TaskQueue } from "@/app/_components/task-queue";
import { Button, ErrorNote, Modal, cx } from "@/app/_components/ui";

type Dialog = "task" | "server" | null;

export function DashboardClient({
  initialServerId,
  canManageTasks,
  canManageServers,
  localServers,
}: {
  initialServerId: string | null;
  canManageTasks: boolean;
  canManageServers: boolean;
  /** Whether the operator allows `local` servers (GRIDSHIFT_LOCAL_SERVERS). */
  localServers: boolean;
}) {
  const { data, error, isLoading } = useServers();
  const { mutate } = useSWRConfig();
  const router = useRouter();
  const [selected, setSelected] = useState<string | null>(initialServerId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [menuOpen, setMenuOpen] = useState(false);

  const servers = data?.servers ?? [];
  const selectedId = servers.some((s) => s.id === selected) ? selected : (servers[0]?.id ?? null);
  const selectedServer = servers.find((s) => s.id === selectedId);

  function select(id: string) {
    setSelected(id);
    router.replace(`/?server=${id}`, { scroll: false });
  }

  return (
    <div className="grid min-h-[calc(100vh-49px)] grid-cols-1 content-start md:grid-cols-[18rem_minmax(0,1fr)] md:content-normal">
      <aside aria-label="Servers" className="border-b border-slate-200 bg-white p-3 md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
        <h2 className="mb-2 px-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Servers</h2>
        {error && <ErrorNote message="Could not load servers." />}
        {isLoading && <p className="animate-pulse px-2 text-slate-500">Loading…</p>}
        {data && servers.length === 0 && <p className="px-2 text-sm text-slate-500">No servers yet.{canManageServers ? " Add one with the + button." : ""}</p>}
        <ul data-testid="server-list" className="flex flex-col gap-1">
          {servers.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => select(s.id)}
                aria-current={s.id === selectedId ? "true" : undefined}
                className={cx("w-full rounded-lg px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800", s.id === selectedId && "bg-emerald-50 ring-1 ring-emerald-400 dark:bg-emerald-950")}
              >
                <span className="block font-medium">{s.name}</span>
                <span className="block text-xs text-slate-500">
                  {s.kind === "local" ? "local" : `${s.username}@${s.host}:${s.port}`} · {s.gridZone}
                </span>
                {s.hostKeyMismatch && <span className="block text-xs font-semibold text-red-600">host key changed!</span>}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {/* Before the queue: in the flow on phones, fixed from md up (where its place is moot). */}
      <IntensitySlot serverId={selectedId} />

      <section className="min-w-0 p-4 pb-24 md:p-6 md:pb-28">
        {selectedServer ? (
          <>
            <div className="mb-4 flex items-baseline justify-between">
              <h1 className="text-xl font-semibold">{selectedServer.name}</h1>
              <Link href={`/servers/${selectedServer.id}`} className="text-sm text-emerald-700 hover:underline dark:text-emerald-400">
                Server details →
              </Link>
            </div>
            <TaskQueue serverId={selectedServer.id} canEdit={canManageTasks} />
          </>
        ) : (
          data && <p className="text-slate-500">Register a server to start queueing tasks.</p>
        )}
      </section>

      {(canManageTasks || canManageServers) && (
        <div className="fixed bottom-4 right-4 z-30 flex flex-col items-end gap-2">
          {menuOpen && (
            <div role="menu" className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-800 dark:bg-slate-900">
              {canManageTasks && (
                <Button role="menuitem" variant="ghost" disabled={servers.length === 0} onClick={() => { setDialog("task"); setMenuOpen(false); }}>
                  Add task
                </Button>
              )}
              {canManageServers && (
                <Button role="menuitem" variant="ghost" onClick={() => { setDialog("server"); setMenuOpen(false); }}>
                  Add server
                </Button>
              )}
            </div>
          )}
          <button type="button" aria-label="Add" aria-expanded={menuOpen} onClick={() => setMenuOpen((o) => !o)} className="h-14 w-14 rounded-full bg-emerald-600 text-3xl text-white shadow-lg hover:bg-emerald-700 focus:outline-none focus-visible:ring-4 focus-visible:ring-emerald-300">
            +
          </button>
        </div>
      )}

      {dialog === "server" && (
        <Modal title="Add server" onClose={() => setDialog(null)}>
          <ServerForm
            localServers={localServers}
            onSaved={async (server) => {
              await mutate(keys.servers);
              setDialog(null);
              select(server.id);
            }}
          />
        </Modal>
      )}
      {dialog === "task" && (
        <Modal title="Add task" onClose={() => setDialog(null)}>
          <TaskForm
            servers={servers}
            defaultServerId={selectedId}
            onSaved={async (task) => {
              await mutate(keys.tasks(task.serverId));
              setDialog(null);
              if (task.serverId !== selectedId) select(task.serverId);
            }}
          />
        </Modal>
      )}
    </div>
  );
}
