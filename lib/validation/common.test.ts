import { describe, expect, it } from "vitest";
import { requiredText, ZId, ZTags } from "./common";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? [] : result.error!.issues.map((i) => i.message));

describe("shared field rules", () => {
  it("say what to fix in words, not in validator terms", () => {
    expect(messages(ZTags.safeParse(["gpu", " "]))[0]).toBe("Remove the empty tag");
    expect(messages(ZTags.safeParse(["x".repeat(41)]))).toEqual(["A tag has at most 40 characters"]);
    expect(messages(ZTags.safeParse(Array.from({ length: 21 }, (_, i) => `t${i}`)))).toEqual(["At most 20 tags"]);
    expect(messages(requiredText("Name is required", 5).safeParse("too long"))).toEqual(["Use at most 5 characters"]);
    expect(messages(requiredText("Name is required", 5).safeParse("  "))).toEqual(["Name is required"]);
    expect(messages(ZId.safeParse(""))).toEqual(["Required"]);
  });
});
