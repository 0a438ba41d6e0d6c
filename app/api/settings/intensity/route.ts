// An organisation's intensity provider credentials: flags out, secrets in (write-only).
import { getIntensityCredentials, updateIntensityCredentials } from "@/lib/data/intensity-credentials";
import { ZIntensityCredentialsInput } from "@/lib/validation/intensity";
import { json } from "@/lib/web/respond";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "manage_servers" }, async ({ ctx }) => json({ credentials: await getIntensityCredentials(ctx.organisationId) }));

export const PUT = withOrg({ action: "manage_servers", input: ZIntensityCredentialsInput }, async ({ ctx, input }) =>
  json({ credentials: await updateIntensityCredentials(ctx.organisationId, input) }),
);
