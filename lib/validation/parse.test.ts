import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZTags } from "@/lib/validation/common";
import { fieldErrorsOf, parseInput } from "@/lib/validation/parse";
import { ZServerInput } from "@/lib/validation/server";

const errorsOf = (schema: z.ZodType, data: unknown) => {
  const result = schema.safeParse(data);
  if (result.success) throw new Error("expected a failure");
  return fieldErrorsOf(result.error);
};

describe("fieldErrorsOf", () => {
  it("puts an array item's error on the array's field, once per message", () => {
    const schema = z.object({ tags: ZTags });
    expect(errorsOf(schema, { tags: ["ok", "bad tag!", "also bad!"] })).toEqual({ tags: ["Tags use letters, digits and - _ . :"] });
    const mixed = errorsOf(schema, { tags: ["ok", "", "x".repeat(41)] });
    expect(Object.keys(mixed)).toEqual(["tags"]);
    expect(mixed.tags).toContain("Tags use letters, digits and - _ . :");
  });

  it("shows a bad server tag on the tags field the server form reads", () => {
    expect(errorsOf(ZServerInput, { name: "s", kind: "local", gridZone: "uk:national", tags: ["gpu", "no spaces"] })).toEqual({
      tags: ["Tags use letters, digits and - _ . :"],
    });
  });

  it("keeps plain and nested object fields as they were, and the whole input on _form", () => {
    const schema = z.object({ name: z.string().min(1, { error: "Name is required" }), creds: z.object({ key: z.string({ error: "Key?" }) }) });
    expect(errorsOf(schema, { name: "", creds: {} })).toEqual({ name: ["Name is required"], "creds.key": ["Key?"] });
    expect(errorsOf(z.string({ error: "Text please" }), 1)).toEqual({ _form: ["Text please"] });
    expect(errorsOf(z.object({ items: z.array(z.object({ id: z.string({ error: "Id?" }) })) }), { items: [{ id: "a" }, {}] })).toEqual({ items: ["Id?"] });
  });

  it("parseInput answers a validation error carrying the field errors", () => {
    expect(() => parseInput(z.object({ tags: ZTags }), { tags: ["a b"] })).toThrow(expect.objectContaining({ code: "validation", fieldErrors: { tags: ["Tags use letters, digits and - _ . :"] } }));
  });
});
