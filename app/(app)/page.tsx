import { localServersEnabled } from "@/lib/env";
import { can } from "@/lib/domain/permissions";
import { requireOrgPage } from "@/lib/web/require-org";
import { DashboardClient } from "./dashboard-client";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ server?: string }> }) {
  const ctx = await requireOrgPage();
  const { server } = await searchParams;
  return <DashboardClient initialServerId={server ?? null} canManageTasks={can(ctx.role, "manage_tasks")} canManageServers={can(ctx.role, "manage_servers")} localServers={localServersEnabled()} />;
}
