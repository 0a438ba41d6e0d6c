import { redirect } from "next/navigation";
import { AuthCard } from "@/app/_components/auth-card";
import { enabledOAuthProviders } from "@/lib/web/auth-options";
import { currentUser } from "@/lib/web/session";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  if (await currentUser()) redirect(safeCallback);
  return (
    <AuthCard title="Sign in">
      <SignInForm callbackUrl={safeCallback} oauth={enabledOAuthProviders()} initialError={error ?? null} />
    </AuthCard>
  );
}
