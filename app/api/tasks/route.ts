import { z } from "zod";
import { createTask, listTasks } from "@/lib/data/tasks";
import { ZTaskInput } from "@/lib/validation/task";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

const ZTaskQuery = z.object({ serverId: z.string().min(1).max(64).optional() });

export const GET = withOrg({ action: "read", input: ZTaskQuery, source: "query" }, async ({ ctx, input }) =>
  json({ tasks: await listTasks(ctx.organisationId, input) }),
);

export const POST = withOrg({ action: "manage_tasks", input: ZTaskInput }, async ({ ctx, input }) =>
  json({ task: await createTask(ctx.organisationId, input, ctx.user.id) }, 201),
);
