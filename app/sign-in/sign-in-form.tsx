"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button, ErrorNote, Field, Input } from "@/app/_components/ui";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail or password.",
  RateLimited: "Too many failed attempts. Wait a few minutes and try again.",
};

export function SignInForm({ callbackUrl, oauth, initialError }: { callbackUrl: string; oauth: { id: string; name: string }[]; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError ? (MESSAGES[initialError] ?? "Sign-in failed.") : null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
    setBusy(false);
    if (result?.ok && !result.error) window.location.assign(callbackUrl);
    else setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed.");
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Sign in">
        <ErrorNote message={error} />
        <Field label="E-mail" name="email">
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field label="Password" name="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</Button>
      </form>
      {oauth.map((p) => (
        <Button key={p.id} variant="secondary" onClick={() => signIn(p.id, { callbackUrl })}>Continue with {p.name}</Button>
      ))}
      <p className="text-sm text-slate-500">
        New here? <Link className="text-emerald-700 hover:underline dark:text-emerald-400" href="/sign-up">Create an account</Link>
      </p>
    </div>
  );
}
