import { expect, test } from "vitest";
import { toCsv } from "./csv";

test("quotes what needs quoting and leaves nulls empty", () => {
  expect(toCsv(["a", "b", "c"] as const, [{ a: 'say "hi", ok', b: null, c: 1.5 }, { a: "x\ny", b: new Date("2026-03-01T00:00:00Z"), c: true }])).toBe(
    'a,b,c\r\n"say ""hi"", ok",,1.5\r\n"x\ny",2026-03-01T00:00:00.000Z,true\r\n',
  );
});
