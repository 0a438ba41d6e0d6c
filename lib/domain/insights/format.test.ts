import { expect, test } from "vitest";
import { formatCarbon, formatEnergy, formatNumber, formatPercent } from "./format";

test.each([
  [null, "—"], [0.0123, "12.3 Wh"], [1.5, "1.50 kWh"],
])("energy %s → %s", (v, out) => expect(formatEnergy(v)).toBe(out));

test.each([
  [12.345, "12.35 g"], [-2500, "-2.50 kg"], [3_200_000, "3.20 t"], [undefined, "—"],
])("carbon %s → %s", (v, out) => expect(formatCarbon(v)).toBe(out));

test("percent", () => expect(formatPercent(0.256)).toBe("26 %"));

test.each([
  [0, 2, "0"], [0.00342, 2, "0.0034"], [1234.567, 1, "1,234.6"], [12.5, 2, "12.5"],
])("number %d (%d digits) → %s", (n, digits, out) => expect(formatNumber(n, digits)).toBe(out));
