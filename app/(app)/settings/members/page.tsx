import { can } from "@/lib/domain/permissions";
import { requireOrgPage } from "@/lib/web/require-org";
import { MembersClient } from "./members-client";

export default async function MembersPage() {
  const ctx = await requireOrgPage();
  return <MembersClient canManage={can(ctx.role, "manage_members")} myRole={ctx.role} myUserId={ctx.user.id} organisationName={ctx.organisationName} />;
}
