import { z } from "zod";
import { acceptInvitation } from "@/lib/data/invitations";
import { parseInput } from "@/lib/validation/parse";
import { json } from "@/lib/web/respond";
import { readBody, withUser } from "@/lib/web/route";

const ZAccept = z.object({ token: z.string().min(10).max(200) });

export const POST = withUser(async ({ userId, email, request }) => {
  const { token } = parseInput(ZAccept, await readBody(request));
  return json(await acceptInvitation(token, { id: userId, email }));
});
