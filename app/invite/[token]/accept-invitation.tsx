"use client";
import { useState } from "react";
import { api } from "@/lib/swr/fetcher";
import { Button, ErrorNote } from "@/app/_components/ui";

export function AcceptInvitation({ token, email }: { token: string; email: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">Signed in as {email}.</p>
      <ErrorNote message={error} />
      <Button
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const { organisationId } = await api<{ organisationId: string }>("/api/invitations/accept", { method: "POST", body: { token } });
            await api("/api/organisations/current", { method: "PUT", body: { organisationId } });
            window.location.assign("/");
          } catch (e) {
            setError((e as Error).message);
            setBusy(false);
          }
        }}
      >
        Accept invitation
      </Button>
    </div>
  );
}
