"use client";
// Provider credentials for the paid intensity APIs. Secrets are write-only: the page only
// learns whether one is stored.
import { useState, type FormEvent } from "react";
import { api } from "@/lib/swr/fetcher";
import type { IntensityCredentialsDto } from "@/lib/data/intensity-credentials";
import { useIntensityCredentials } from "@/lib/swr/use-intensity";
import { Button, Card, ErrorNote, Field, Input } from "@/app/_components/ui";
import { formValues, useSubmit } from "@/app/_components/use-submit";

type Saved = { credentials: IntensityCredentialsDto };

export function IntensitySettingsClient({ canManage, organisationName }: { canManage: boolean; organisationName: string }) {
  const { data, error, mutate } = useIntensityCredentials();
  const { fields, formError, busy, submit } = useSubmit();
  const [notice, setNotice] = useState<string | null>(null);

  async function save(body: Record<string, unknown>, message: string, form?: HTMLFormElement) {
    setNotice(null);
    const saved = await submit(() => api<Saved>("/api/settings/intensity", { method: "PUT", body }));
    if (!saved) return;
    await mutate(saved, { revalidate: false });
    form?.reset();
    setNotice(message);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>, message: string) => {
    event.preventDefault();
    void save(formValues(event.currentTarget), message, event.currentTarget);
  };

  if (!canManage) {
    return (
      <div className="mx-auto max-w-3xl p-6">
        <h1 className="mb-2 text-2xl font-semibold">Intensity providers</h1>
        <p className="text-slate-500">Only owners and admins can change the provider credentials of {organisationName}.</p>
      </div>
    );
  }
  const flags = data?.credentials;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Intensity providers of {organisationName}</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          UK zones (<code>uk:…</code>) use the free UK Carbon Intensity API and need nothing. For <code>em:…</code> and <code>wt:…</code> zones, credentials
          stored here replace the server-wide ones from the environment. Secrets are encrypted at rest and never shown again.
        </p>
      </div>
      {error && <ErrorNote message="Could not load the credentials." />}
      <ErrorNote message={formError} />
      {notice && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{notice}</p>}

      <Card>
        <form aria-label="Electricity Maps" noValidate className="flex flex-col gap-3" onSubmit={(e) => onSubmit(e, "Electricity Maps key saved.")}>
          <h2 className="font-semibold">Electricity Maps</h2>
          <p data-testid="em-status" className="text-sm">{flags ? (flags.hasElectricityMapsApiKey ? "An API key is stored." : "No API key stored.") : "…"}</p>
          <Field label="API key" name="electricityMapsApiKey" errors={fields.electricityMapsApiKey} hint="Leave empty to keep the stored key.">
            <Input id="electricityMapsApiKey" name="electricityMapsApiKey" type="password" autoComplete="off" />
          </Field>
          <div className="flex justify-end gap-2">
            {flags?.hasElectricityMapsApiKey && (
              <Button variant="secondary" disabled={busy} onClick={() => save({ clearElectricityMaps: true }, "Electricity Maps key removed.")}>Remove key</Button>
            )}
            <Button type="submit" disabled={busy}>Save key</Button>
          </div>
        </form>
      </Card>

      <Card>
        <form aria-label="WattTime" noValidate className="flex flex-col gap-3" onSubmit={(e) => onSubmit(e, "WattTime credentials saved.")}>
          <h2 className="font-semibold">WattTime</h2>
          <p data-testid="wt-status" className="text-sm">{flags ? (flags.hasWattTimeCredentials ? "A username and password are stored." : "No credentials stored.") : "…"}</p>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Username" name="wattTimeUsername" errors={fields.wattTimeUsername}>
              <Input id="wattTimeUsername" name="wattTimeUsername" autoComplete="off" />
            </Field>
            <Field label="Password" name="wattTimePassword" errors={fields.wattTimePassword} hint="Leave empty to keep the stored password.">
              <Input id="wattTimePassword" name="wattTimePassword" type="password" autoComplete="new-password" />
            </Field>
          </div>
          <div className="flex justify-end gap-2">
            {flags?.hasWattTimeCredentials && (
              <Button variant="secondary" disabled={busy} onClick={() => save({ clearWattTime: true }, "WattTime credentials removed.")}>Remove credentials</Button>
            )}
            <Button type="submit" disabled={busy}>Save credentials</Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
