import { stringify } from "yaml";
import { runImpactManifest } from "@/lib/data/accounting";
import { withOrg } from "@/lib/web/route";

/** The run's Impact Framework manifest: `if-run --manifest <file>` recomputes its figures. */
export const GET = withOrg({ action: "read" }, async ({ ctx, params }) => {
  const manifest = await runImpactManifest(ctx.organisationId, params.runId);
  return new Response(stringify(manifest, { lineWidth: 0 }), {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="run-${params.runId}.manifest.yml"` },
  });
});
