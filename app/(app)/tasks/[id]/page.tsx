import { can } from "@/lib/domain/permissions";
import { getTask } from "@/lib/data/tasks";
import { orNotFound, requireOrgPage } from "@/lib/web/require-org";
import { TaskDetailClient } from "./task-detail-client";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOrgPage();
  const { id } = await params;
  await orNotFound(getTask(ctx.organisationId, id));
  return <TaskDetailClient id={id} canManage={can(ctx.role, "manage_tasks")} />;
}
