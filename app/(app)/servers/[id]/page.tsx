import { can } from "@/lib/domain/permissions";
import { getServer } from "@/lib/data/servers";
import { AppError } from "@/lib/errors";
import { requireOrgPage } from "@/lib/web/require-org";
import { notFound } from "next/navigation";
import { ServerDetailClient } from "./server-detail-client";

export default async function ServerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOrgPage();
  const { id } = await params;
  try {
    await getServer(ctx.organisationId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <ServerDetailClient id={id} canManage={can(ctx.role, "manage_servers")} />;
}
