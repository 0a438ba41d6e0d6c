// Server-side guard for pages: signed in and a member of an organisation, else redirect.
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { currentOrgContext, currentUser, type OrgContext } from "@/lib/web/session";

export async function requireOrgPage(): Promise<OrgContext> {
  const ctx = await currentOrgContext();
  if (ctx) return ctx;
  if (!(await currentUser())) redirect("/sign-in");
  redirect("/sign-up?reason=no-organisation");
}

/** Loads something for a page; another organisation's (or a missing) id renders the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
