import { z } from "zod";
import { NextResponse } from "next/server";
import { findMembership } from "@/lib/data/organisations";
import { notFound } from "@/lib/errors";
import { ORG_COOKIE } from "@/lib/web/session";
import { withUser, readBody } from "@/lib/web/route";
import { parseInput } from "@/lib/validation/parse";

const ZSwitch = z.object({ organisationId: z.string().min(1).max(64) });

export const PUT = withUser(async ({ userId, request }) => {
  const { organisationId } = parseInput(ZSwitch, await readBody(request));
  const membership = await findMembership(userId, organisationId);
  if (!membership) throw notFound("Organisation not found");
  const response = NextResponse.json({ organisation: { id: organisationId, name: membership.organisationName }, role: membership.role });
  response.cookies.set(ORG_COOKIE, organisationId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 86400 });
  return response;
});
