"use client";
import { useState, type FormEvent } from "react";
import { canGrant, ROLES, type TRole } from "@/lib/domain/permissions";
import { api } from "@/lib/swr/fetcher";
import { useInvitations, useMembers } from "@/lib/swr/hooks";
import { Button, Card, ErrorNote, Field, Input, Select } from "@/app/_components/ui";
import { formValues, useSubmit } from "@/app/_components/use-submit";

export function MembersClient({ canManage, myRole, myUserId, organisationName }: { canManage: boolean; myRole: TRole; myUserId: string; organisationName: string }) {
  const { data: members, mutate: reloadMembers } = useMembers();
  const { data: invitations, mutate: reloadInvitations } = useInvitations(canManage);
  const { fields, formError, busy, submit } = useSubmit();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const grantable = ROLES.filter((r) => canGrant(myRole, r));

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const created = await submit(() => api<{ link: string; emailed: boolean }>("/api/invitations", { method: "POST", body: formValues(event.currentTarget) }));
    if (created) {
      setLink(created.link);
      await reloadInvitations();
    }
  }

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      await reloadMembers();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold">Members of {organisationName}</h1>
      <ErrorNote message={error} />
      <Card>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500"><tr><th>Name</th><th>E-mail</th><th>Role</th><th /></tr></thead>
          <tbody>
            {members?.members.map((m) => (
              <tr key={m.userId} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-2">{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {canManage && m.userId !== myUserId && (m.role !== "owner" || myRole === "owner") ? (
                    <Select aria-label={`Role of ${m.email}`} value={m.role} onChange={(e) => act(() => api(`/api/members/${m.userId}`, { method: "PATCH", body: { role: e.target.value } }))}>
                      {ROLES.filter((r) => canGrant(myRole, r) || r === m.role).map((r) => <option key={r} value={r}>{r}</option>)}
                    </Select>
                  ) : m.role}
                </td>
                <td className="text-right">
                  {canManage && m.userId !== myUserId && (m.role !== "owner" || myRole === "owner") && (
                    <Button variant="ghost" onClick={() => act(() => api(`/api/members/${m.userId}`, { method: "DELETE" }))}>Remove</Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {canManage && (
        <Card>
          <h2 className="mb-3 font-semibold">Invite someone</h2>
          <form onSubmit={invite} noValidate className="flex flex-col gap-3" aria-label="Invite">
            <ErrorNote message={formError} />
            <div className="grid grid-cols-2 gap-3">
              <Field label="E-mail (optional: restricts the link to this address)" name="email" errors={fields.email}>
                <Input id="email" name="email" type="email" />
              </Field>
              <Field label="Role" name="role" errors={fields.role}>
                <Select id="role" name="role" defaultValue="member">
                  {grantable.map((r) => <option key={r} value={r}>{r}</option>)}
                </Select>
              </Field>
            </div>
            <div className="flex justify-end"><Button type="submit" disabled={busy}>Create invitation link</Button></div>
          </form>
          {link && (
            <p className="mt-3 break-all rounded bg-emerald-50 p-2 text-sm dark:bg-emerald-950">
              Share this link (valid 7 days, single use): <code data-testid="invite-link">{link}</code>
            </p>
          )}
          {invitations && invitations.invitations.length > 0 && (
            <ul className="mt-3 divide-y divide-slate-200 text-sm dark:divide-slate-800">
              {invitations.invitations.map((i) => (
                <li key={i.id} className="flex items-center justify-between py-2">
                  <span>{i.email ?? "anyone with the link"} · {i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}</span>
                  <Button variant="ghost" onClick={async () => { await api(`/api/invitations/${i.id}`, { method: "DELETE" }); await reloadInvitations(); }}>Revoke</Button>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
