// Server-side guard for pages: signed in and a member of an organisation, else redirect.
import { redirect } from "next/navigation";
import { currentOrgContext, currentUser, type OrgContext } from "@/lib/web/session";

export async function requireOrgPage(): Promise<OrgContext> {
  const ctx = await currentOrgContext();
  if (ctx) return ctx;
  if (!(await currentUser())) redirect("/sign-in");
  redirect("/sign-up?reason=no-organisation");
}
