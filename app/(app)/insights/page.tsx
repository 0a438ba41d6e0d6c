import { requireOrgPage } from "@/lib/web/require-org";
import { InsightsClient } from "./insights-client";

export default async function InsightsPage() {
  await requireOrgPage();
  return <InsightsClient />;
}
