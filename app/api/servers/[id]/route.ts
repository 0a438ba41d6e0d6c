import { deleteServer, getServer, updateServer } from "@/lib/data/servers";
import { ZServerUpdate } from "@/lib/validation/server";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read" }, async ({ ctx, params }) => json({ server: await getServer(ctx.organisationId, params.id) }));

export const PATCH = withOrg({ action: "manage_servers", input: ZServerUpdate }, async ({ ctx, input, params }) =>
  json({ server: await updateServer(ctx.organisationId, params.id, input) }),
);

export const DELETE = withOrg({ action: "manage_servers" }, async ({ ctx, params }) => {
  await deleteServer(ctx.organisationId, params.id);
  return new Response(null, { status: 204 });
});
