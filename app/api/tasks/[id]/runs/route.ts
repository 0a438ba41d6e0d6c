import { getTask } from "@/lib/data/tasks";
import { listRunsForTask } from "@/lib/data/runs";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read" }, async ({ ctx, params }) => {
  await getTask(ctx.organisationId, params.id); // 404 for a task that is not ours
  return json({ runs: await listRunsForTask(ctx.organisationId, params.id) });
});
