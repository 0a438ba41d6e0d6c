import { expect, test } from "vitest";
import { formatCarbon, formatCarbons, formatEnergies, formatEnergy, formatNumber, formatPercent } from "./format";

test.each([
  [null, "—"], [0.0123, "12.3 Wh"], [1.5, "1.50 kWh"], [0, "0.0 Wh"], [0.00004, "0.040 Wh"],
])("energy %s → %s", (v, out) => expect(formatEnergy(v)).toBe(out));

test.each([
  [12.345, "12.35 g"], [-2500, "-2.50 kg"], [3_200_000, "3.20 t"], [undefined, "—"], [0, "0.00 g"],
  // Small figures keep two significant digits instead of reading as 0.00 g.
  [0.004, "0.0040 g"], [-0.012, "-0.012 g"], [0.5, "0.50 g"],
  // Beyond six decimals a figure is a bound, not a misleading zero.
  [4e-9, "< 0.000001 g"], [-4e-9, "> -0.000001 g"], [Number.NaN, "—"],
])("carbon %s → %s", (v, out) => expect(formatCarbon(v)).toBe(out));

test.each<[string, (number | null)[], string[]]>([
  // The reported case: 0.004 + 0.014 = 0.018 read "0.00 g + 0.01 g = 0.02 g".
  ["parts beside their total share decimals", [0.004, 0.014, 0.018], ["0.0040 g", "0.0140 g", "0.0180 g"]],
  ["the smallest non-zero figure sets the decimals", [12.3, 0.05, 0], ["12.300 g", "0.050 g", "0.000 g"]],
  ["large figures keep their usual decimals", [12.345, 250, null], ["12.35 g", "250.00 g", "—"]],
  ["each figure keeps its own unit", [2500, 0.3], ["2.50 kg", "0.30 g"]],
  ["decimals are shared within a unit only", [1234, 0.004], ["1.23 kg", "0.0040 g"]],
  ["negative figures count by magnitude", [-0.004, 1], ["-0.0040 g", "1.0000 g"]],
  ["nothing to show", [null, null], ["—", "—"]],
])("carbon together: %s", (_, values, out) => expect(formatCarbons(values)).toEqual(out));

test.each<[string, (number | null)[], string[]]>([
  ["small parts beside their total", [0.00004, 0.00004, 0.00004, 0.00012], ["0.040 Wh", "0.040 Wh", "0.040 Wh", "0.120 Wh"]],
  ["kWh keeps at least two decimals", [1.5, 0.25], ["1.50 kWh", "250.0 Wh"]],
])("energy together: %s", (_, values, out) => expect(formatEnergies(values)).toEqual(out));

test("one figure alone reads as it does in a column of one", () => {
  for (const g of [0.0042, 0.42, 42, 4200]) expect(formatCarbon(g)).toBe(formatCarbons([g])[0]);
});

test("percent", () => expect(formatPercent(0.256)).toBe("26 %"));

test.each([
  [0, 2, "0"], [0.00342, 2, "0.0034"], [1234.567, 1, "1,234.6"], [12.5, 2, "12.5"],
])("number %d (%d digits) → %s", (n, digits, out) => expect(formatNumber(n, digits)).toBe(out));
