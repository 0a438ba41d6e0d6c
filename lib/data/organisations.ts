import { db } from "@/lib/db/client";
import { conflict, notFound } from "@/lib/errors";
import type { TRole } from "@/lib/domain/permissions";
import { createUserRecord, type UserDto } from "@/lib/data/users";
import { Prisma } from "@/lib/generated/prisma/client";

export type MembershipDto = { organisationId: string; organisationName: string; role: TRole };

/** Sign-up: a user and the organisation they own, in one transaction. */
export async function registerUserWithOrganisation(input: {
  email: string;
  name: string;
  password?: string;
  organisationName: string;
}): Promise<{ user: UserDto; organisationId: string }> {
  const record = await createUserRecord(input);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: record, select: { id: true, email: true, name: true } });
      const org = await tx.organisation.create({ data: { name: input.organisationName } });
      await tx.membership.create({ data: { userId: user.id, organisationId: org.id, role: "owner" } });
      return { user, organisationId: org.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict("An account with this e-mail already exists", { email: ["An account with this e-mail already exists"] });
    }
    throw error;
  }
}

export async function listMemberships(userId: string): Promise<MembershipDto[]> {
  const rows = await db().membership.findMany({
    where: { userId },
    include: { organisation: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ organisationId: m.organisationId, organisationName: m.organisation.name, role: m.role }));
}

export async function findMembership(userId: string, organisationId: string): Promise<MembershipDto | null> {
  const m = await db().membership.findUnique({
    where: { userId_organisationId: { userId, organisationId } },
    include: { organisation: { select: { name: true } } },
  });
  return m && { organisationId: m.organisationId, organisationName: m.organisation.name, role: m.role };
}

export type MemberDto = { userId: string; name: string; email: string; role: TRole; joinedAt: string };

export async function listMembers(organisationId: string): Promise<MemberDto[]> {
  const rows = await db().membership.findMany({
    where: { organisationId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, joinedAt: m.createdAt.toISOString() }));
}

export async function setMemberRole(organisationId: string, userId: string, role: TRole): Promise<void> {
  await db().$transaction(async (tx) => {
    const current = await tx.membership.findUnique({ where: { userId_organisationId: { userId, organisationId } } });
    if (!current) throw notFound("Member not found");
    if (current.role === "owner" && role !== "owner") await assertAnotherOwner(tx, organisationId, userId);
    await tx.membership.update({ where: { id: current.id }, data: { role } });
  });
}

export async function removeMember(organisationId: string, userId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const current = await tx.membership.findUnique({ where: { userId_organisationId: { userId, organisationId } } });
    if (!current) throw notFound("Member not found");
    if (current.role === "owner") await assertAnotherOwner(tx, organisationId, userId);
    await tx.membership.delete({ where: { id: current.id } });
  });
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

async function assertAnotherOwner(tx: Tx, organisationId: string, userId: string) {
  const owners = await tx.membership.count({ where: { organisationId, role: "owner", userId: { not: userId } } });
  if (owners === 0) throw conflict("An organisation needs at least one owner");
}
