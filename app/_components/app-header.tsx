"use client";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useSWRConfig } from "swr";
import { api } from "@/lib/swr/fetcher";
import { useMe } from "@/lib/swr/hooks";
import { Button, Select } from "@/app/_components/ui";

export function AppHeader() {
  const { data: me } = useMe();
  const { mutate } = useSWRConfig();

  async function switchOrganisation(organisationId: string) {
    await api("/api/organisations/current", { method: "PUT", body: { organisationId } });
    // Everything on screen belongs to the previous organisation: refetch it all.
    await mutate(() => true, undefined, { revalidate: true });
    window.location.assign("/");
  }

  return (
    <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1">
        <Link href="/" className="flex items-center gap-2 font-semibold text-emerald-700 dark:text-emerald-400">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full bg-emerald-500" /> GridShift
        </Link>
        <nav className="flex flex-wrap gap-1 text-sm">
          <Link href="/" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">Dashboard</Link>
          <Link href="/intensity" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">Intensity</Link>
          <Link href="/insights" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">Insights</Link>
          <Link href="/settings/members" className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">Members</Link>
        </nav>
      </div>
      <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm">
        {me && me.memberships.length > 1 ? (
          <Select aria-label="Organisation" value={me.organisation.id} onChange={(e) => switchOrganisation(e.target.value)}>
            {me.memberships.map((m) => (
              <option key={m.organisationId} value={m.organisationId}>
                {m.organisationName} ({m.role})
              </option>
            ))}
          </Select>
        ) : (
          me && <span data-testid="organisation-name" className="font-medium">{me.organisation.name}</span>
        )}
        {me && <span className="hidden text-slate-500 sm:inline dark:text-slate-400">{me.user.email} · {me.role}</span>}
        <Button variant="secondary" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
          Sign out
        </Button>
      </div>
    </header>
  );
}
