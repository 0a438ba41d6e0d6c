import { listMembers } from "@/lib/data/organisations";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read" }, async ({ ctx }) => json({ members: await listMembers(ctx.organisationId) }));
