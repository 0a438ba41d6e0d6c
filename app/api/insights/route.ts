import { insightsFor } from "@/lib/data/insights";
import { ZInsightsQuery } from "@/lib/validation/insights";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read", input: ZInsightsQuery, source: "query" }, async ({ ctx, input }) => json(await insightsFor(ctx.organisationId, input)));
