"use client";
// The selected server's queue: pending tasks are sortable by drag and drop (pointer or
// keyboard: focus a handle, Space, arrows, Space) and by the move buttons; the order is saved.
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useState } from "react";
import type { TaskDto } from "@/lib/data/tasks";
import { api } from "@/lib/swr/fetcher";
import { useTasks } from "@/lib/swr/hooks";
import { TaskCard } from "@/app/_components/task-card";
import { ErrorNote } from "@/app/_components/ui";

const PENDING = new Set(["queued", "planned"]);

function SortableTask({ task, index, count, canEdit, move }: { task: TaskDto; index: number; count: number; canEdit: boolean; move: (from: number, to: number) => void }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: task.id, disabled: !canEdit });
  const style = { transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 };
  const handle = canEdit ? (
    <div className="flex flex-col items-center gap-1">
      <button type="button" aria-label={`Drag ${task.name}`} data-testid="drag-handle" className="cursor-grab touch-none rounded px-1 text-lg leading-none text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800" {...attributes} {...listeners}>
        ⋮⋮
      </button>
      <button type="button" aria-label={`Move ${task.name} up`} disabled={index === 0} onClick={() => move(index, index - 1)} className="text-xs text-slate-400 disabled:opacity-30">
        ▲
      </button>
      <button type="button" aria-label={`Move ${task.name} down`} disabled={index === count - 1} onClick={() => move(index, index + 1)} className="text-xs text-slate-400 disabled:opacity-30">
        ▼
      </button>
    </div>
  ) : undefined;
  return (
    <li ref={setNodeRef} style={style}>
      <TaskCard task={task} handle={handle} />
    </li>
  );
}

export function TaskQueue({ serverId, canEdit }: { serverId: string; canEdit: boolean }) {
  const { data, error, isLoading, mutate } = useTasks(serverId);
  const [saveError, setSaveError] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  if (error) return <ErrorNote message="Could not load tasks." />;
  if (isLoading || !data) return <p className="animate-pulse text-slate-500">Loading tasks…</p>;

  const pending = data.tasks.filter((t) => PENDING.has(t.status));
  const others = data.tasks.filter((t) => !PENDING.has(t.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  async function move(from: number, to: number) {
    if (to < 0 || to >= pending.length || from === to) return;
    const reordered = arrayMove(pending, from, to);
    setSaveError(null);
    const optimistic = { tasks: [...reordered, ...others] };
    try {
      await mutate(
        async () => {
          const saved = await api<{ tasks: TaskDto[] }>("/api/tasks/reorder", { method: "POST", body: { serverId, taskIds: reordered.map((t) => t.id) } });
          return { tasks: saved.tasks };
        },
        { optimisticData: optimistic, rollbackOnError: true, revalidate: false },
      );
    } catch {
      setSaveError("The new order could not be saved; the queue was reloaded.");
      await mutate();
    }
  }

  function onDragEnd(event: DragEndEvent) {
    const from = pending.findIndex((t) => t.id === event.active.id);
    const to = pending.findIndex((t) => t.id === event.over?.id);
    if (from >= 0 && to >= 0) void move(from, to);
  }

  return (
    <div className="flex flex-col gap-6">
      <ErrorNote message={saveError} />
      <section aria-label="Queue">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Queue ({pending.length})</h2>
        {pending.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-slate-500 dark:border-slate-700">No queued tasks. Add one with the + button.</p>
        ) : (
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
            <SortableContext items={pending.map((t) => t.id)} strategy={verticalListSortingStrategy}>
              <ol data-testid="task-queue" className="flex flex-col gap-3">
                {pending.map((task, index) => (
                  <SortableTask key={task.id} task={task} index={index} count={pending.length} canEdit={canEdit} move={move} />
                ))}
              </ol>
            </SortableContext>
          </DndContext>
        )}
      </section>
      {others.length > 0 && (
        <section aria-label="Running and finished">
          <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">Running and finished</h2>
          <ul className="flex flex-col gap-3">
            {others.map((task) => (
              <li key={task.id}>
                <TaskCard task={task} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {canEdit && pending.length > 1 && <p className="text-xs text-slate-500">Drag a card by its handle, or focus the handle and use Space and the arrow keys, to change the order the worker follows.</p>}
    </div>
  );
}
