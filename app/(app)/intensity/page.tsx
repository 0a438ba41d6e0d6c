import { can } from "@/lib/domain/permissions";
import { requireOrgPage } from "@/lib/web/require-org";
import { IntensityClient } from "./intensity-client";

export default async function IntensityPage() {
  const ctx = await requireOrgPage();
  return <IntensityClient canConfigure={can(ctx.role, "manage_servers")} />;
}
