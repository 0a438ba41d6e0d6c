import { deleteTask, getTask, updateTask } from "@/lib/data/tasks";
import { ZTaskUpdate } from "@/lib/validation/task";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read" }, async ({ ctx, params }) => json({ task: await getTask(ctx.organisationId, params.id) }));

export const PATCH = withOrg({ action: "manage_tasks", input: ZTaskUpdate }, async ({ ctx, input, params }) =>
  json({ task: await updateTask(ctx.organisationId, params.id, input) }),
);

export const DELETE = withOrg({ action: "manage_tasks" }, async ({ ctx, params }) => {
  await deleteTask(ctx.organisationId, params.id);
  return new Response(null, { status: 204 });
});
