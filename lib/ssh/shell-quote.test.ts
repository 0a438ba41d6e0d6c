import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { shellPath, shellQuote } from "./shell-quote";

describe("shellQuote", () => {
  test.each([
    ["plain", "'plain'"],
    ["", "''"],
    ["it's", `'it'\\''s'`],
    ["''", `''\\'''\\'''`],
  ])("quotes %j", (input, expected) => {
    expect(shellQuote(input)).toBe(expected);
  });

  test.each(["a b", "it's", `"dq" $HOME \`id\` $(id) \\ ; | & * ?`, "line\nbreak", "ünïcødé ✓", "-n", "'"])(
    "round-trips %j through sh",
    (input) => {
      const output = execFileSync("/bin/sh", ["-c", `printf '%s' ${shellQuote(input)}`]).toString("utf8");
      expect(output).toBe(input);
    },
  );

  test("refuses NUL", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});

describe("shellPath", () => {
  test.each([
    ["/abs/it's here", `'/abs/it'\\''s here'`],
    ["~", `"$HOME"`],
    ["~/", `"$HOME"`],
    ["~/dir with space", `"$HOME"/'dir with space'`],
    ["~user/x", `'~user/x'`],
  ])("%j", (input, expected) => {
    expect(shellPath(input)).toBe(expected);
  });

  test("expands home in sh", () => {
    const output = execFileSync("/bin/sh", ["-c", `printf '%s' ${shellPath("~/a b")}`], { env: { ...process.env, HOME: "/h" } });
    expect(output.toString()).toBe("/h/a b");
  });
});
