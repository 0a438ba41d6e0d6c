import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/**
 * The form field an issue belongs to: its path up to the first array index, so an error on
 * `tags[1]` lands on `tags` (the input the form shows) and a nested object keeps its dotted name.
 */
function fieldKeyOf(path: readonly PropertyKey[]): string {
  const index = path.findIndex((p) => typeof p === "number");
  const field = index === -1 ? path : path.slice(0, index);
  return field.length ? field.map(String).join(".") : "_form";
}

/** Field name -> messages, for forms and 400 bodies. Items of one array share their field's key, once per message. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const messages = (out[fieldKeyOf(issue.path)] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError("validation", "Some fields are not valid", fieldErrorsOf(result.error));
}
