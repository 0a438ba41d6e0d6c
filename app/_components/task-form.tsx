"use client";
// Create or edit a task. Dates are entered in the browser's local time and sent as ISO.
import { useState, type FormEvent } from "react";
import type { ServerDto } from "@/lib/data/servers";
import type { TaskDto } from "@/lib/data/tasks";
import { api, ApiError } from "@/lib/swr/fetcher";
import { DEADLINE_MESSAGES, deadlineProblem } from "@/lib/validation/task";
import { Button, ErrorNote, Field, Input, Select, Textarea } from "@/app/_components/ui";
import { formValues, useSubmit } from "@/app/_components/use-submit";

function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The deadline to send, or the message to show on the field instead. */
function deadlineOf(value: string | undefined, now: Date): { iso: string | null } | { error: string } {
  if (!value) return { iso: null };
  const date = new Date(value);
  // The datetime field accepts years up to 275760, but JavaScript parses only 4-digit ones from it.
  if (!Number.isFinite(date.getTime())) return { error: /^\d{5,}-/.test(value) ? DEADLINE_MESSAGES.tooFar : DEADLINE_MESSAGES.invalid };
  const problem = deadlineProblem(date, now);
  return problem ? { error: problem } : { iso: date.toISOString() };
}

/** Form values to the API body, or field errors found before sending (shaped like the server's). */
export function toPayload(values: Record<string, string>, editing: boolean, now = new Date()): { payload: Record<string, unknown>; fields?: Record<string, string[]> } {
  const payload: Record<string, unknown> = { ...values };
  for (const key of ["expectedDurationMinutes", "timeoutMinutes", "maxRetries", "carbonThresholdGPerKwh"]) if (key in values) payload[key] = Number(values[key]);
  const deadline = deadlineOf(values.deadline, now);
  if ("error" in deadline) return { payload, fields: { deadline: [deadline.error] } };
  payload.deadline = deadline.iso;
  payload.interruptible = values.interruptible === "on";
  if (editing) {
    payload.description = values.description ?? "";
    for (const key of ["timeoutMinutes", "carbonThresholdGPerKwh", "carbonIndexBand"]) if (!(key in values)) payload[key] = null;
  }
  return { payload };
}

export function TaskForm({ servers, task, defaultServerId, onSaved }: { servers: ServerDto[]; task?: TaskDto; defaultServerId?: string | null; onSaved: (task: TaskDto) => void }) {
  const [policy, setPolicy] = useState(task?.carbonPolicy ?? "greenest");
  const { fields, formError, busy, submit } = useSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    // A half-typed date reads as "" from the field: say so rather than dropping the deadline.
    const deadlineField = event.currentTarget.elements.namedItem("deadline");
    if (deadlineField instanceof HTMLInputElement && deadlineField.validity.badInput) values.deadline = "incomplete";
    const { payload, fields: invalid } = toPayload(values, !!task);
    const saved = await submit(async () => {
      // Shown exactly like the server's field errors, without a round trip.
      if (invalid) throw new ApiError(400, { error: { code: "validation", message: "Some fields are not valid", fields: invalid } });
      return task
        ? api<{ task: TaskDto }>(`/api/tasks/${task.id}`, { method: "PATCH", body: payload })
        : api<{ task: TaskDto }>("/api/tasks", { method: "POST", body: payload });
    });
    if (saved) onSaved(saved.task);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={task ? "Edit task" : "Add task"}>
      <ErrorNote message={formError} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" name="name" errors={fields.name}>
          <Input id="name" name="name" defaultValue={task?.name} invalid={!!fields.name} />
        </Field>
        <Field label="Server" name="serverId" errors={fields.serverId}>
          <Select id="serverId" name="serverId" defaultValue={task?.serverId ?? defaultServerId ?? servers[0]?.id}>
            {servers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Command" name="command" errors={fields.command}>
        <Textarea id="command" name="command" rows={2} defaultValue={task?.command} placeholder="python train.py --epochs 10" invalid={!!fields.command} />
      </Field>
      <Field label="Working directory" name="workingDirectory" errors={fields.workingDirectory}>
        <Input id="workingDirectory" name="workingDirectory" defaultValue={task?.workingDirectory ?? "~"} invalid={!!fields.workingDirectory} />
      </Field>
      <Field label="Description" name="description" errors={fields.description}>
        <Textarea id="description" name="description" rows={2} defaultValue={task?.description} className="font-sans" invalid={!!fields.description} />
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Expected duration (minutes)" name="expectedDurationMinutes" errors={fields.expectedDurationMinutes}>
          <Input id="expectedDurationMinutes" name="expectedDurationMinutes" type="number" min={1} defaultValue={task?.expectedDurationMinutes ?? 60} invalid={!!fields.expectedDurationMinutes} />
        </Field>
        <Field label="Deadline (latest finish, optional)" name="deadline" errors={fields.deadline}>
          <Input id="deadline" name="deadline" type="datetime-local" defaultValue={toLocalInput(task?.deadline ?? null)} invalid={!!fields.deadline} />
        </Field>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Carbon policy" name="carbonPolicy" errors={fields.carbonPolicy}>
          <Select id="carbonPolicy" name="carbonPolicy" value={policy} onChange={(e) => setPolicy(e.target.value as typeof policy)}>
            <option value="greenest">Greenest window before the deadline</option>
            <option value="threshold">When intensity is at or below…</option>
            <option value="run_now">Run now</option>
          </Select>
        </Field>
        {policy === "threshold" && (
          <>
            <Field label="Threshold (gCO2/kWh)" name="carbonThresholdGPerKwh" errors={fields.carbonThresholdGPerKwh}>
              <Input id="carbonThresholdGPerKwh" name="carbonThresholdGPerKwh" type="number" step="any" defaultValue={task?.carbonThresholdGPerKwh ?? ""} invalid={!!fields.carbonThresholdGPerKwh} />
            </Field>
            <Field label="…or index band" name="carbonIndexBand" errors={fields.carbonIndexBand}>
              <Select id="carbonIndexBand" name="carbonIndexBand" defaultValue={task?.carbonIndexBand ?? ""}>
                <option value="">—</option>
                <option value="very low">very low</option>
                <option value="low">low</option>
                <option value="moderate">moderate</option>
                <option value="high">high</option>
              </Select>
            </Field>
          </>
        )}
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Timeout (minutes)" name="timeoutMinutes" errors={fields.timeoutMinutes}>
          <Input id="timeoutMinutes" name="timeoutMinutes" type="number" min={1} defaultValue={task?.timeoutMinutes ?? ""} invalid={!!fields.timeoutMinutes} />
        </Field>
        <Field label="Max retries" name="maxRetries" errors={fields.maxRetries}>
          <Input id="maxRetries" name="maxRetries" type="number" min={0} max={10} defaultValue={task?.maxRetries ?? 0} invalid={!!fields.maxRetries} />
        </Field>
        <label className="mt-6 flex items-center gap-2 text-sm">
          <input type="checkbox" name="interruptible" defaultChecked={task?.interruptible} /> Interruptible
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : task ? "Save task" : "Add task"}
        </Button>
      </div>
    </form>
  );
}
