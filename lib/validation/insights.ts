import { z } from "zod";
import { ZId } from "@/lib/validation/common";

const ZDay = z.iso.date({ error: "Use a date such as 2026-03-01" });

/** Filters of the insights page and the run exports: a date range (inclusive days, UTC), a server, a task. */
export const ZInsightsQuery = z
  .object({
    from: ZDay.optional(),
    to: ZDay.optional(),
    serverId: ZId.optional(),
    taskId: ZId.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: "The start must not be after the end", path: ["to"] });

export type TInsightsQuery = z.infer<typeof ZInsightsQuery>;

export const ZRunExportQuery = z.intersection(ZInsightsQuery, z.object({ format: z.enum(["csv", "json"]).default("json") }));
export type TRunExportQuery = z.infer<typeof ZRunExportQuery>;
