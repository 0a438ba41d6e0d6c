import { EXPORT_COLUMNS, exportRuns } from "@/lib/data/insights";
import { toCsv } from "@/lib/domain/insights/csv";
import { ZRunExportQuery } from "@/lib/validation/insights";
import { withOrg } from "@/lib/web/route";

export const GET = withOrg({ action: "read", input: ZRunExportQuery, source: "query" }, async ({ ctx, input }) => {
  const rows = await exportRuns(ctx.organisationId, input);
  const csv = input.format === "csv";
  return new Response(csv ? toCsv(EXPORT_COLUMNS, rows) : JSON.stringify({ runs: rows }, null, 2), {
    headers: {
      "content-type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="gridshift-runs.${input.format}"`,
    },
  });
});
