import { removeMember, setMemberRole } from "@/lib/data/organisations";
import { canGrant } from "@/lib/domain/permissions";
import { forbidden } from "@/lib/errors";
import { ZMemberRoleInput } from "@/lib/validation/auth";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const PATCH = withOrg({ action: "manage_members", input: ZMemberRoleInput }, async ({ ctx, input, params }) => {
  if (!canGrant(ctx.role, input.role)) throw forbidden("You cannot grant that role");
  await setMemberRole(ctx.organisationId, params.userId, input.role);
  return json({ ok: true });
});

export const DELETE = withOrg({ action: "manage_members" }, async ({ ctx, params }) => {
  await removeMember(ctx.organisationId, params.userId);
  return new Response(null, { status: 204 });
});
