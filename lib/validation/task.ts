import { z } from "zod";
import { requiredText, ZId, ZTags } from "@/lib/validation/common";

export const INDEX_BANDS = ["very low", "low", "moderate", "high"] as const;
const MAX_MINUTES = 60 * 24 * 14;

const fields = {
  serverId: ZId,
  name: requiredText("Name is required", 200),
  description: z.string().max(5000),
  workingDirectory: requiredText("Working directory is required", 1024)
    .refine((p) => p.startsWith("/") || p === "~" || p.startsWith("~/"), { error: "Use an absolute path (or ~/…)" })
    .refine((p) => !p.includes("\0") && !p.includes("\n"), { error: "Path contains a control character" }),
  command: requiredText("Command is required", 10000),
  expectedDurationMinutes: z.coerce.number().int().min(1, { error: "At least 1 minute" }).max(MAX_MINUTES),
  deadline: z.coerce.date({ error: "Enter a valid date and time" }).nullable().optional(),
  carbonPolicy: z.enum(["greenest", "threshold", "run_now"]),
  carbonThresholdGPerKwh: z.coerce.number().positive().max(2000).nullable().optional(),
  carbonIndexBand: z.enum(INDEX_BANDS).nullable().optional(),
  timeoutMinutes: z.coerce.number().int().min(1).max(MAX_MINUTES).nullable().optional(),
  maxRetries: z.coerce.number().int().min(0).max(10),
  interruptible: z.boolean(),
  eligibleServerTags: ZTags,
  functionalUnit: z.string().trim().min(1).max(60).nullable().optional(),
  functionalUnitCount: z.coerce.number().positive().nullable().optional(),
};

type PolicyFields = { carbonPolicy?: string; carbonThresholdGPerKwh?: number | null; carbonIndexBand?: string | null };

function requireThreshold(v: PolicyFields, ctx: z.RefinementCtx) {
  if (v.carbonPolicy === "threshold" && v.carbonThresholdGPerKwh == null && v.carbonIndexBand == null) {
    ctx.addIssue({ code: "custom", path: ["carbonThresholdGPerKwh"], message: "Give a threshold in g/kWh or an index band" });
  }
}

// Defaults live only on the create schema: a PATCH must never reset an omitted field.
export const ZTaskInput = z
  .object({
    ...fields,
    description: fields.description.default(""),
    carbonPolicy: fields.carbonPolicy.default("greenest"),
    maxRetries: fields.maxRetries.default(0),
    interruptible: fields.interruptible.default(false),
    eligibleServerTags: fields.eligibleServerTags.default([]),
  })
  .superRefine(requireThreshold);
export type TTaskInput = z.infer<typeof ZTaskInput>;

export const ZTaskUpdate = z.object(fields).partial().superRefine(requireThreshold);
export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

export const ZTaskReorder = z.object({
  serverId: ZId,
  taskIds: z.array(ZId).min(1).max(10000),
});
export type TTaskReorder = z.infer<typeof ZTaskReorder>;
