import { can } from "@/lib/domain/permissions";
import { getServer } from "@/lib/data/servers";
import { localServersEnabled } from "@/lib/env";
import { orNotFound, requireOrgPage } from "@/lib/web/require-org";
import { ServerDetailClient } from "./server-detail-client";

export default async function ServerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOrgPage();
  const { id } = await params;
  await orNotFound(getServer(ctx.organisationId, id));
  return <ServerDetailClient id={id} canManage={can(ctx.role, "manage_servers")} localServers={localServersEnabled()} />;
}
