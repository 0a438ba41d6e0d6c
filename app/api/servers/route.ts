import { createServer, listServers } from "@/lib/data/servers";
import { ZServerInput } from "@/lib/validation/server";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read" }, async ({ ctx }) => json({ servers: await listServers(ctx.organisationId) }));

export const POST = withOrg({ action: "manage_servers", input: ZServerInput }, async ({ ctx, input }) =>
  json({ server: await createServer(ctx.organisationId, input) }, 201),
);
