// Who is asking, and on behalf of which organisation. The organisation comes from the
// `gs_org` cookie when the user belongs to it, else their first membership.
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { authOptions } from "@/lib/web/auth-options";
import { getUser, type UserDto } from "@/lib/data/users";
import { listMemberships, type MembershipDto } from "@/lib/data/organisations";
import type { TRole } from "@/lib/domain/permissions";

export const ORG_COOKIE = "gs_org";

export async function currentUser(): Promise<UserDto | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return getUser(id);
}

export type OrgContext = {
  user: UserDto;
  organisationId: string;
  organisationName: string;
  role: TRole;
  memberships: MembershipDto[];
};

export async function currentOrgContext(): Promise<OrgContext | null> {
  const user = await currentUser();
  if (!user) return null;
  const memberships = await listMemberships(user.id);
  if (memberships.length === 0) return null;
  const wanted = (await cookies()).get(ORG_COOKIE)?.value;
  const chosen = memberships.find((m) => m.organisationId === wanted) ?? memberships[0];
  return { user, organisationId: chosen.organisationId, organisationName: chosen.organisationName, role: chosen.role, memberships };
}
