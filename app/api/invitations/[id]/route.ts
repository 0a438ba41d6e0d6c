import { revokeInvitation } from "@/lib/data/invitations";
import { withOrg } from "@/lib/web/route";

export const DELETE = withOrg({ action: "manage_members" }, async ({ ctx, params }) => {
  await revokeInvitation(ctx.organisationId, params.id);
  return new Response(null, { status: 204 });
});
