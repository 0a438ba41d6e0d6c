import { notFound } from "next/navigation";
import { can } from "@/lib/domain/permissions";
import { getTask } from "@/lib/data/tasks";
import { AppError } from "@/lib/errors";
import { requireOrgPage } from "@/lib/web/require-org";
import { TaskDetailClient } from "./task-detail-client";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOrgPage();
  const { id } = await params;
  try {
    await getTask(ctx.organisationId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <TaskDetailClient id={id} canManage={can(ctx.role, "manage_tasks")} />;
}
