import { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

/** Field path -> messages, for forms and 400 bodies. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError("validation", "Some fields are not valid", fieldErrorsOf(result.error));
}
