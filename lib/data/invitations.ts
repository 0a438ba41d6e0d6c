// Invitations by link: the token is shown once; only its SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { canGrant, type TRole } from "@/lib/domain/permissions";
import { scoped, type OrgId } from "@/lib/data/scope";
import { createUserRecord } from "@/lib/data/users";
import type { TInvitationInput } from "@/lib/validation/auth";

export const INVITATION_TTL_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InvitationDto = { id: string; email: string | null; role: TRole; expiresAt: string; acceptedAt: string | null; createdAt: string };

export async function createInvitation(
  organisationId: OrgId,
  createdBy: { userId: string; role: TRole },
  input: TInvitationInput,
  now = new Date(),
): Promise<{ invitation: InvitationDto; token: string }> {
  if (!canGrant(createdBy.role, input.role)) throw forbidden("You cannot invite someone with that role");
  const token = randomBytes(24).toString("base64url");
  const row = await db().invitation.create({
    data: {
      organisationId,
      email: input.email ?? null,
      role: input.role,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
      createdById: createdBy.userId,
    },
  });
  return { invitation: toDto(row), token };
}

function toDto(row: { id: string; email: string | null; role: TRole; expiresAt: Date; acceptedAt: Date | null; createdAt: Date }): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listInvitations(organisationId: OrgId): Promise<InvitationDto[]> {
  const rows = await db().invitation.findMany({ where: scoped(organisationId, { acceptedAt: null }), orderBy: { createdAt: "desc" } });
  return rows.map(toDto);
}

export async function revokeInvitation(organisationId: OrgId, id: string): Promise<void> {
  const r = await db().invitation.deleteMany({ where: scoped(organisationId, { id, acceptedAt: null }) });
  if (r.count === 0) throw notFound("Invitation not found");
}

/** What the invite page shows before the visitor signs in or up. */
export async function describeInvitation(token: string, now = new Date()) {
  const row = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organisation: { select: { name: true } } },
  });
  if (!row || row.acceptedAt || row.expiresAt < now) return null;
  return { organisationName: row.organisation.name, role: row.role, email: row.email };
}

/** Joins an existing user to the invitation's organisation; single use. */
export async function acceptInvitation(token: string, user: { id: string; email: string }, now = new Date()): Promise<{ organisationId: string }> {
  return db().$transaction(async (tx) => {
    const row = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row || row.acceptedAt || row.expiresAt < now) throw notFound("This invitation is invalid or has expired");
    if (row.email && row.email !== user.email.toLowerCase()) throw forbidden("This invitation was sent to another e-mail address");
    const claimed = await tx.invitation.updateMany({ where: { id: row.id, acceptedAt: null }, data: { acceptedAt: now, acceptedById: user.id } });
    if (claimed.count === 0) throw conflict("This invitation was already used");
    const existing = await tx.membership.findUnique({ where: { userId_organisationId: { userId: user.id, organisationId: row.organisationId } } });
    if (!existing) await tx.membership.create({ data: { userId: user.id, organisationId: row.organisationId, role: row.role } });
    return { organisationId: row.organisationId };
  });
}

/** Sign-up through an invitation: the new user joins that organisation instead of creating one. */
export async function registerUserWithInvitation(
  token: string,
  input: { email: string; name: string; password: string },
  now = new Date(),
): Promise<{ userId: string; organisationId: string }> {
  const invite = await describeInvitation(token, now);
  if (!invite) throw invalid("This invitation is invalid or has expired", { inviteToken: ["This invitation is invalid or has expired"] });
  if (invite.email && invite.email !== input.email.toLowerCase()) {
    throw invalid("Use the e-mail address the invitation was sent to", { email: [`Use ${invite.email}`] });
  }
  const existing = await db().user.findUnique({ where: { email: input.email.toLowerCase() }, select: { id: true } });
  if (existing) throw conflict("An account with this e-mail already exists; sign in to accept", { email: ["An account with this e-mail already exists; sign in to accept"] });
  const user = await db().user.create({ data: await createUserRecord(input), select: { id: true, email: true } });
  const { organisationId } = await acceptInvitation(token, user, now);
  return { userId: user.id, organisationId };
}
