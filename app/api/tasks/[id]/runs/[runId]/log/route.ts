import { z } from "zod";
import { readRunLog } from "@/lib/data/runs";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

const ZLogQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });

export const GET = withOrg({ action: "read", input: ZLogQuery, source: "query" }, async ({ ctx, input, params }) =>
  json(await readRunLog(ctx.organisationId, params.id, params.runId, input.after)),
);
