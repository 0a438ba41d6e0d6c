import { runAccountingInput } from "@/lib/data/accounting";
import { powerProfile } from "@/lib/domain/accounting";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read" }, async ({ ctx, params }) => json({ points: powerProfile(await runAccountingInput(ctx.organisationId, params.runId)) }));
