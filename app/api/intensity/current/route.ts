import { z } from "zod";
import { getServer } from "@/lib/data/servers";
import { currentIntensityFor } from "@/lib/data/intensity";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

const ZQuery = z.object({ serverId: z.string().min(1).max(64) });

export const GET = withOrg({ action: "read", input: ZQuery, source: "query" }, async ({ ctx, input }) => {
  const server = await getServer(ctx.organisationId, input.serverId);
  return json(await currentIntensityFor(server.gridZone));
});
