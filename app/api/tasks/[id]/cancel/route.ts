import { cancelTask } from "@/lib/data/tasks";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const POST = withOrg({ action: "manage_tasks" }, async ({ ctx, params }) => json({ task: await cancelTask(ctx.organisationId, params.id) }));
