import { withOrg } from "@/lib/web/route";
import { json } from "@/lib/web/respond";

export const GET = withOrg({ action: "read" }, async ({ ctx }) =>
  json({
    user: ctx.user,
    organisation: { id: ctx.organisationId, name: ctx.organisationName },
    role: ctx.role,
    memberships: ctx.memberships,
  }),
);
