"use client";
// Create or edit a server. Secrets are write-only: the form never receives them back,
// and leaving a secret blank on edit keeps the stored one.
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ServerDto } from "@/lib/data/servers";
import { HARDWARE_DEFAULTS } from "@/lib/domain/hardware-defaults";
import { LOCAL_SERVERS_OFF } from "@/lib/validation/server";
import { api } from "@/lib/swr/fetcher";
import { Button, ErrorNote, Field, Input, Select, Textarea } from "@/app/_components/ui";
import { formValues, useSubmit } from "@/app/_components/use-submit";

const HARDWARE = ["cpuTdpWatts", "vcpusTotal", "vcpusAvailable", "memoryGb", "embodiedGco2e", "lifespanYears", "maxConcurrentTasks"];
const NUMERIC = ["port", ...HARDWARE];

type FieldMessages = Record<string, string[]>;

/** A field's messages, with those keyed by its items ("tags.1") for a list field. */
export function errorsOf(fields: FieldMessages, name: string): string[] | undefined {
  const messages = Object.entries(fields).flatMap(([key, list]) => (key === name || key.startsWith(`${name}.`) ? list : []));
  return messages.length ? [...new Set(messages)] : undefined;
}

/** The hardware profile is folded away, so an error inside it must unfold it. */
export function hardwareHasErrors(fields: FieldMessages): boolean {
  return HARDWARE.some((name) => !!errorsOf(fields, name));
}

function toPayload(values: Record<string, string>) {
  const payload: Record<string, unknown> = { ...values };
  for (const key of NUMERIC) if (key in values) payload[key] = Number(values[key]);
  payload.tags = (values.tags ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  return payload;
}

/**
 * `localServers` is GRIDSHIFT_LOCAL_SERVERS, passed down by the page's server component (never
 * read in the browser). Left out, the option stays available and the API has the last word.
 */
export function ServerForm({ server, onSaved, localServers }: { server?: ServerDto; onSaved: (server: ServerDto) => void; localServers?: boolean }) {
  const [kind, setKind] = useState<"ssh" | "local">(server?.kind ?? "ssh");
  const [authMethod, setAuthMethod] = useState(server?.authMethod === "password" ? "password" : "key");
  const { fields, formError, busy, submit } = useSubmit();
  const hardware = useRef<HTMLDetailsElement>(null);
  const hw = server ?? HARDWARE_DEFAULTS;
  // A server that is already local may still be edited; only switching to local is refused.
  const localOff = localServers === false && server?.kind !== "local";
  const tagErrors = errorsOf(fields, "tags");

  // Opened on the DOM element, so the user can still fold it away afterwards.
  useEffect(() => {
    if (hardware.current && hardwareHasErrors(fields)) hardware.current.open = true;
  }, [fields]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const payload = toPayload(formValues(event.currentTarget));
    const saved = await submit(() =>
      server
        ? api<{ server: ServerDto }>(`/api/servers/${server.id}`, { method: "PATCH", body: payload })
        : api<{ server: ServerDto }>("/api/servers", { method: "POST", body: payload }),
    );
    if (saved) onSaved(saved.server);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={server ? "Edit server" : "Add server"}>
      <ErrorNote message={formError} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name" name="name" errors={fields.name}>
          <Input id="name" name="name" defaultValue={server?.name} invalid={!!fields.name} required />
        </Field>
        <Field label="Kind" name="kind" errors={fields.kind} hint={localOff ? LOCAL_SERVERS_OFF : undefined}>
          <Select id="kind" name="kind" value={kind} invalid={!!fields.kind} onChange={(e) => setKind(e.target.value as "ssh" | "local")}>
            <option value="ssh">SSH server</option>
            <option value="local" disabled={localOff}>
              Local (the worker&apos;s own host){localOff ? ": turned off" : ""}
            </option>
          </Select>
        </Field>
      </div>
      {kind === "ssh" && (
        <>
          <div className="grid grid-cols-3 gap-3">
            <div className="col-span-2">
              <Field label="Host" name="host" errors={fields.host}>
                <Input id="host" name="host" defaultValue={server?.host ?? ""} placeholder="gpu-1.example.org or 10.0.0.5" invalid={!!fields.host} />
              </Field>
            </div>
            <Field label="Port" name="port" errors={fields.port}>
              <Input id="port" name="port" type="number" defaultValue={server?.port ?? 22} invalid={!!fields.port} />
            </Field>
          </div>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Username" name="username" errors={fields.username}>
              <Input id="username" name="username" defaultValue={server?.username ?? ""} invalid={!!fields.username} />
            </Field>
            <Field label="Authentication" name="authMethod" errors={fields.authMethod}>
              <Select id="authMethod" name="authMethod" value={authMethod} onChange={(e) => setAuthMethod(e.target.value as "key" | "password")}>
                <option value="key">Private key</option>
                <option value="password">Password</option>
              </Select>
            </Field>
          </div>
          {authMethod === "key" ? (
            <>
              <Field label="Private key" name="privateKey" errors={fields.privateKey} hint={server?.hasPrivateKey ? "A key is stored. Leave blank to keep it." : "Stored encrypted; never shown again."}>
                <Textarea id="privateKey" name="privateKey" rows={4} placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" invalid={!!fields.privateKey} />
              </Field>
              <Field
                label="Key passphrase (optional)"
                name="passphrase"
                errors={fields.passphrase}
                hint={server?.hasPassphrase ? "A passphrase is stored for the stored key. With a new key, enter its passphrase too." : undefined}
              >
                <Input id="passphrase" name="passphrase" type="password" autoComplete="off" invalid={!!fields.passphrase} />
              </Field>
            </>
          ) : (
            <Field label="Password" name="password" errors={fields.password} hint={server?.hasPassword ? "A password is stored. Leave blank to keep it." : "Stored encrypted; never shown again."}>
              <Input id="password" name="password" type="password" autoComplete="off" invalid={!!fields.password} />
            </Field>
          )}
        </>
      )}
      <div className="grid grid-cols-2 gap-3">
        <Field label="Grid zone" name="gridZone" errors={fields.gridZone} hint="Where its electricity comes from: uk:region:13, uk:postcode:RG10, uk:national, em:DE…">
          <Input id="gridZone" name="gridZone" defaultValue={server?.gridZone ?? "uk:national"} invalid={!!fields.gridZone} />
        </Field>
        <Field label="Tags (comma-separated)" name="tags" errors={tagErrors}>
          <Input id="tags" name="tags" defaultValue={server?.tags.join(", ") ?? ""} placeholder="gpu, eu" invalid={!!tagErrors} />
        </Field>
      </div>
      <details ref={hardware} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <summary className="cursor-pointer text-sm font-medium">Hardware profile (for carbon accounting)</summary>
        <div className="mt-3 grid grid-cols-2 gap-3">
          <Field label="CPU TDP (W)" name="cpuTdpWatts" errors={fields.cpuTdpWatts}>
            <Input id="cpuTdpWatts" name="cpuTdpWatts" type="number" step="any" defaultValue={hw.cpuTdpWatts} invalid={!!fields.cpuTdpWatts} />
          </Field>
          <Field label="Max concurrent tasks" name="maxConcurrentTasks" errors={fields.maxConcurrentTasks}>
            <Input id="maxConcurrentTasks" name="maxConcurrentTasks" type="number" defaultValue={hw.maxConcurrentTasks} invalid={!!fields.maxConcurrentTasks} />
          </Field>
          <Field label="vCPUs total" name="vcpusTotal" errors={fields.vcpusTotal}>
            <Input id="vcpusTotal" name="vcpusTotal" type="number" defaultValue={hw.vcpusTotal} invalid={!!fields.vcpusTotal} />
          </Field>
          <Field label="vCPUs for tasks" name="vcpusAvailable" errors={fields.vcpusAvailable}>
            <Input id="vcpusAvailable" name="vcpusAvailable" type="number" defaultValue={hw.vcpusAvailable} invalid={!!fields.vcpusAvailable} />
          </Field>
          <Field label="Memory (GB)" name="memoryGb" errors={fields.memoryGb}>
            <Input id="memoryGb" name="memoryGb" type="number" step="any" defaultValue={hw.memoryGb} invalid={!!fields.memoryGb} />
          </Field>
          <Field label="Embodied emissions (gCO2e)" name="embodiedGco2e" errors={fields.embodiedGco2e}>
            <Input id="embodiedGco2e" name="embodiedGco2e" type="number" step="any" defaultValue={hw.embodiedGco2e} invalid={!!fields.embodiedGco2e} />
          </Field>
          <Field label="Expected lifespan (years)" name="lifespanYears" errors={fields.lifespanYears}>
            <Input id="lifespanYears" name="lifespanYears" type="number" step="any" defaultValue={hw.lifespanYears} invalid={!!fields.lifespanYears} />
          </Field>
        </div>
      </details>
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : server ? "Save server" : "Add server"}
        </Button>
      </div>
    </form>
  );
}
