"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import type { FormEvent } from "react";
import { api } from "@/lib/swr/fetcher";
import { Button, ErrorNote, Field, Input } from "@/app/_components/ui";
import { formValues, useSubmit } from "@/app/_components/use-submit";

/** Sign-up creates an organisation, or joins one when an invitation token is given. */
export function SignUpForm({ inviteToken, invitedEmail }: { inviteToken?: string; invitedEmail?: string | null }) {
  const { fields, formError, busy, submit } = useSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const created = await submit(() => api("/api/sign-up", { method: "POST", body: { ...values, inviteToken } }));
    if (!created) return;
    await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    window.location.assign("/");
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label="Sign up">
      <ErrorNote message={formError} />
      <Field label="Your name" name="name" errors={fields.name}>
        <Input id="name" name="name" autoComplete="name" invalid={!!fields.name} />
      </Field>
      <Field label="E-mail" name="email" errors={fields.email}>
        <Input id="email" name="email" type="email" autoComplete="email" defaultValue={invitedEmail ?? undefined} invalid={!!fields.email} />
      </Field>
      <Field label="Password" name="password" errors={fields.password} hint="At least 10 characters.">
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!fields.password} />
      </Field>
      {!inviteToken && (
        <Field label="Organisation name" name="organisationName" errors={fields.organisationName}>
          <Input id="organisationName" name="organisationName" invalid={!!fields.organisationName} />
        </Field>
      )}
      <ErrorNote message={fields.inviteToken?.[0]} />
      <Button type="submit" disabled={busy}>{busy ? "Creating…" : inviteToken ? "Create account and join" : "Create account"}</Button>
      <p className="text-sm text-slate-500">
        Already have an account?{" "}
        <Link className="text-emerald-700 hover:underline dark:text-emerald-400" href={inviteToken ? `/sign-in?callbackUrl=/invite/${inviteToken}` : "/sign-in"}>
          {inviteToken ? "Sign in to accept" : "Sign in"}
        </Link>
      </p>
    </form>
  );
}
