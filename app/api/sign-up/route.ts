import type { NextRequest } from "next/server";
import { registerUserWithOrganisation } from "@/lib/data/organisations";
import { registerUserWithInvitation } from "@/lib/data/invitations";
import { invalid } from "@/lib/errors";
import { ZSignUpInput } from "@/lib/validation/auth";
import { parseInput } from "@/lib/validation/parse";
import { errorResponse, json } from "@/lib/web/respond";
import { readBody } from "@/lib/web/route";

export async function POST(request: NextRequest) {
  try {
    const input = parseInput(ZSignUpInput, await readBody(request));
    if (input.inviteToken) {
      const joined = await registerUserWithInvitation(input.inviteToken, input);
      return json({ userId: joined.userId, organisationId: joined.organisationId }, 201);
    }
    if (!input.organisationName) throw invalid("Organisation name is required", { organisationName: ["Organisation name is required"] });
    const { user, organisationId } = await registerUserWithOrganisation({ ...input, organisationName: input.organisationName });
    return json({ userId: user.id, organisationId }, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
