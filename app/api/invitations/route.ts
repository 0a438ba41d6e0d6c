import { createInvitation, listInvitations } from "@/lib/data/invitations";
import { sendInvitationEmail } from "@/lib/web/mailer";
import { ZInvitationInput } from "@/lib/validation/auth";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "manage_members" }, async ({ ctx }) => json({ invitations: await listInvitations(ctx.organisationId) }));

export const POST = withOrg({ action: "manage_members", input: ZInvitationInput }, async ({ ctx, input, request }) => {
  const { invitation, token } = await createInvitation(ctx.organisationId, { userId: ctx.user.id, role: ctx.role }, input);
  const link = `${request.nextUrl.origin}/invite/${token}`;
  const emailed = input.email ? await sendInvitationEmail(input.email, ctx.organisationName, link) : false;
  return json({ invitation, link, emailed }, 201);
});
