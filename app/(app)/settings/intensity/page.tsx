import { can } from "@/lib/domain/permissions";
import { requireOrgPage } from "@/lib/web/require-org";
import { IntensitySettingsClient } from "./intensity-settings-client";

export default async function IntensitySettingsPage() {
  const ctx = await requireOrgPage();
  return <IntensitySettingsClient canManage={can(ctx.role, "manage_servers")} organisationName={ctx.organisationName} />;
}
