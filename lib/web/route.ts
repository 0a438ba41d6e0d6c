// The one wrapper every JSON route uses: session (401), membership (the caller's current
// organisation), role (403), input parsed with zod (400 with field errors), errors mapped.
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, forbidden } from "@/lib/errors";
import { can, type Action } from "@/lib/domain/permissions";
import { parseInput } from "@/lib/validation/parse";
import { currentOrgContext, currentUser, type OrgContext } from "@/lib/web/session";
import { errorResponse } from "@/lib/web/respond";

type Params = Record<string, string>;

type OrgHandler<I> = (args: { ctx: OrgContext; input: I; params: Params; request: NextRequest }) => Promise<Response>;

async function readBody(request: NextRequest): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body is not valid JSON", { _form: ["The request body is not valid JSON"] });
  }
}

export function withOrg<S extends z.ZodType | undefined = undefined>(
  options: { action: Action; input?: S; source?: "body" | "query" },
  handler: OrgHandler<S extends z.ZodType ? z.infer<S> : undefined>,
) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const ctx = await currentOrgContext();
      if (!ctx) {
        const user = await currentUser();
        throw user ? new AppError("not_found", "You do not belong to an organisation") : new AppError("unauthenticated", "Sign in first");
      }
      if (!can(ctx.role, options.action)) throw forbidden();
      const params = (await context.params) ?? {};
      let input = undefined as S extends z.ZodType ? z.infer<S> : undefined;
      if (options.input) {
        const raw = options.source === "query" ? Object.fromEntries(request.nextUrl.searchParams) : await readBody(request);
        input = parseInput(options.input, raw) as typeof input;
      }
      return await handler({ ctx, input, params, request });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For routes that need a signed-in user but no organisation (sign-up flows, invitations). */
export function withUser(handler: (args: { userId: string; email: string; request: NextRequest; params: Params }) => Promise<Response>) {
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in first");
      return await handler({ userId: user.id, email: user.email, request, params: (await context.params) ?? {} });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export { readBody };
