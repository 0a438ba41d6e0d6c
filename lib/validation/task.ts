import { z } from "zod";
import { numberField, requiredText, ZId, ZTags } from "@/lib/validation/common";

export const INDEX_BANDS = ["very low", "low", "moderate", "high"] as const;
const MAX_MINUTES = 60 * 24 * 14;
const MAX_THRESHOLD = 2000;
const MAX_RETRIES = 10;

// The planner looks at most 7 days ahead, so any deadline beyond a year already means "no
// pressure"; the bound also keeps dates inside what PostgreSQL and JavaScript both read back
// (a 5-digit year is stored but comes back as an Invalid Date). 366 days: "same day next year"
// always fits, leap year or not.
export const MAX_DEADLINE_AHEAD_MS = 366 * 24 * 3_600_000;

export const DEADLINE_MESSAGES = {
  invalid: "Enter a valid date and time",
  tooFar: "The deadline can be at most one year from now",
} as const;

/** Why a deadline cannot be stored, or undefined when it can. Shared by the schema, the data layer and the form. */
export function deadlineProblem(deadline: Date, now: Date): string | undefined {
  if (!Number.isFinite(deadline.getTime())) return DEADLINE_MESSAGES.invalid;
  if (deadline.getTime() > now.getTime() + MAX_DEADLINE_AHEAD_MS) return DEADLINE_MESSAGES.tooFar;
  return undefined;
}

const durationMessage = `Expected duration must be a whole number of minutes from 1 to ${MAX_MINUTES} (14 days)`;
const timeoutMessage = `Timeout must be a whole number of minutes from 1 to ${MAX_MINUTES} (14 days), or left empty`;
const thresholdMessage = `Threshold must be a number of gCO2/kWh above 0 and at most ${MAX_THRESHOLD}`;
const retriesMessage = `Max retries must be a whole number from 0 to ${MAX_RETRIES}`;
const unitCountMessage = "Functional unit count must be a number above 0";

const wholeNumber = (min: number, max: number, message: string) => numberField(message, { min, max, whole: true });

const fields = {
  serverId: ZId,
  name: requiredText("Name is required", 200),
  description: z.string({ error: "Description must be text" }).max(5000, { error: "Description can be at most 5000 characters" }),
  workingDirectory: requiredText("Working directory is required", 1024)
    .refine((p) => p.startsWith("/") || p === "~" || p.startsWith("~/"), { error: "Use an absolute path (or ~/…)" })
    .refine((p) => !p.includes("\0") && !p.includes("\n"), { error: "Path contains a control character" }),
  command: requiredText("Command is required", 10000),
  expectedDurationMinutes: wholeNumber(1, MAX_MINUTES, durationMessage),
  deadline: z.coerce
    .date({ error: DEADLINE_MESSAGES.invalid })
    .refine((d) => deadlineProblem(d, new Date()) === undefined, { error: DEADLINE_MESSAGES.tooFar })
    .nullable()
    .optional(),
  carbonPolicy: z.enum(["greenest", "threshold", "run_now"], { error: "Choose a carbon policy: greenest, threshold or run_now" }),
  carbonThresholdGPerKwh: numberField(thresholdMessage, { min: 0, aboveMin: true, max: MAX_THRESHOLD }).nullable().optional(),
  carbonIndexBand: z.enum(INDEX_BANDS, { error: `Choose an index band: ${INDEX_BANDS.join(", ")}` }).nullable().optional(),
  timeoutMinutes: wholeNumber(1, MAX_MINUTES, timeoutMessage).nullable().optional(),
  maxRetries: wholeNumber(0, MAX_RETRIES, retriesMessage),
  interruptible: z.boolean({ error: "Interruptible must be true or false" }),
  eligibleServerTags: ZTags,
  functionalUnit: z.string().trim().min(1, { error: "Name the functional unit, or leave it empty" }).max(60, { error: "Functional unit can be at most 60 characters" }).nullable().optional(),
  functionalUnitCount: numberField(unitCountMessage, { min: 0, aboveMin: true }).nullable().optional(),
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

// Cross-field rules are checked by updateTask on the stored task merged with the patch
// (ZTaskPolicy): the patch alone cannot tell whether a threshold remains.
export const ZTaskUpdate = z.object(fields).partial();
export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

/** The policy fields of a whole task (stored values with a patch applied). */
export const ZTaskPolicy = z
  .object({ carbonPolicy: fields.carbonPolicy, carbonThresholdGPerKwh: fields.carbonThresholdGPerKwh, carbonIndexBand: fields.carbonIndexBand })
  .superRefine(requireThreshold);

/** Only work that has not started can be edited: a started or finished task's settings are part of its runs' history. */
export const EDITABLE_TASK_STATUSES = ["queued", "planned"] as const;

/** Why a task in this status cannot be edited, or null when it can. */
export function taskEditBlockedReason(status: string): string | null {
  if ((EDITABLE_TASK_STATUSES as readonly string[]).includes(status)) return null;
  if (status === "running" || status === "paused") {
    return `This task has started (${status}), so it cannot be edited: its command is already executing. Cancel it, or add a new task.`;
  }
  return `This task has finished (${status}), so it cannot be edited: its settings belong to its run history. Add a new task instead.`;
}

export const ZTaskReorder = z.object({
  serverId: ZId,
  taskIds: z.array(ZId).min(1).max(10000),
});
export type TTaskReorder = z.infer<typeof ZTaskReorder>;
