import { intensityOverview } from "@/lib/data/intensity-overview";
import { ZIntensityZonesQuery } from "@/lib/validation/intensity";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read", input: ZIntensityZonesQuery, source: "query" }, async ({ ctx, input }) =>
  json({ zones: await intensityOverview(ctx.organisationId, new Date(), input.windowHours) }),
);
