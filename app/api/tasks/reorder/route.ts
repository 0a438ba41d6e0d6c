import { reorderTasks } from "@/lib/data/tasks";
import { ZTaskReorder } from "@/lib/validation/task";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const POST = withOrg({ action: "manage_tasks", input: ZTaskReorder }, async ({ ctx, input }) =>
  json({ tasks: await reorderTasks(ctx.organisationId, input) }),
);
