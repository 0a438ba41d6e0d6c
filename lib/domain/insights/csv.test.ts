import { expect, test } from "vitest";
import { toCsv } from "./csv";

test("quotes what needs quoting and leaves nulls empty", () => {
  expect(toCsv(["a", "b", "c"] as const, [{ a: 'say "hi", ok', b: null, c: 1.5 }, { a: "x\ny", b: new Date("2026-03-01T00:00:00Z"), c: true }])).toBe(
    'a,b,c\r\n"say ""hi"", ok",,1.5\r\n"x\ny",2026-03-01T00:00:00.000Z,true\r\n',
  );
});

test("keeps user text from being read as a formula, and numbers as numbers", () => {
  expect(toCsv(["name", "saved"] as const, [{ name: '=HYPERLINK("http://evil","x")', saved: -1.5 }, { name: "@SUM(A1)", saved: 0 }, { name: "-rm", saved: null }, { name: "+1", saved: 2 }])).toBe(
    'name,saved\r\n"\'=HYPERLINK(""http://evil"",""x"")",-1.5\r\n\'@SUM(A1),0\r\n\'-rm,\r\n\'+1,2\r\n',
  );
});
