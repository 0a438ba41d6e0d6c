import { z } from "zod";

export const ZId = z.string({ error: "Required" }).min(1, { error: "Required" }).max(64, { error: "Not a valid id" });

// Uniform zone names (see lib/carbon): uk:national, uk:region:13, uk:postcode:RG10, em:DE,
// wt:CAISO_NORTH, replay:<name>, static:<country>.
export const ZGridZone = z
  .string()
  .trim()
  .regex(
    /^(uk:national|uk:region:([1-9]|1[0-7])|uk:postcode:[A-Za-z]{1,2}[0-9][A-Za-z0-9]?|em:[A-Za-z0-9_-]+|wt:[A-Za-z0-9_-]+|replay:[A-Za-z0-9_.-]+|static:[A-Za-z]{2,3})$/,
    { error: "Use a zone such as uk:national, uk:region:13, uk:postcode:RG10, em:DE, wt:CAISO_NORTH or replay:<name>" },
  );

export const ZTags = z
  .array(
    z
      .string()
      .trim()
      .min(1, { error: "Remove the empty tag" })
      .max(40, { error: "A tag has at most 40 characters" })
      .regex(/^[A-Za-z0-9_.:-]+$/, { error: "Tags use letters, digits and - _ . :" }),
  )
  .max(20, { error: "At most 20 tags" });

/**
 * A number field with one message for every way it can be wrong (not a number, a fraction, too
 * small, too big), so a form never shows the validator's own wording. Stops at the first.
 */
export function numberField(message: string, range: { min: number; max?: number; whole?: boolean; aboveMin?: boolean }) {
  const once = { error: message, abort: true };
  let n = z.coerce.number({ error: message });
  if (range.whole) n = n.int(once);
  n = range.aboveMin ? n.gt(range.min, once) : n.min(range.min, once);
  return range.max === undefined ? n : n.max(range.max, once);
}

/** A required text field whose message is the same whether it is missing or blank. */
export const requiredText = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: `Use at most ${max} characters` });
