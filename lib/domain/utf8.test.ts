import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completeUtf8Prefix } from "@/lib/domain/utf8";

describe("completeUtf8Prefix", () => {
  it.each([
    ["ascii", "hello", 5],
    ["complete two-byte", "héllo", 6],
    ["euro sign cut after one byte", Buffer.from("a€").subarray(0, 2), 1],
    ["euro sign cut after two bytes", Buffer.from("a€").subarray(0, 3), 1],
    ["complete euro sign", "a€", 4],
    ["emoji cut", Buffer.from("x😀").subarray(0, 4), 1],
  ])("%s", (_name, input, length) => {
    const bytes = typeof input === "string" ? Buffer.from(input) : input;
    expect(completeUtf8Prefix(bytes).length).toBe(length);
  });

  it("splitting a text anywhere and joining the complete prefixes loses nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat(), (text, cutAt) => {
        const bytes = Buffer.from(text);
        const cut = bytes.length ? cutAt % (bytes.length + 1) : 0;
        const head = completeUtf8Prefix(bytes.subarray(0, cut));
        const rest = bytes.subarray(head.length);
        expect(head.toString("utf8") + rest.toString("utf8")).toBe(text);
        // No cut character decoded as U+FFFD: the head reads back as a prefix of the text, byte for
        // byte (the text may hold U+FFFD of its own, so "contains no U+FFFD" was not the property).
        const decoded = head.toString("utf8");
        expect(text.startsWith(decoded)).toBe(true);
        expect(Buffer.byteLength(decoded)).toBe(head.length);
      }),
    );
  });
});
