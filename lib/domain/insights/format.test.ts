import { expect, test } from "vitest";
import { formatCarbon, formatEnergy, formatPercent } from "./format";

test.each([
  [null, "—"], [0.0123, "12.3 Wh"], [1.5, "1.50 kWh"],
])("energy %s → %s", (v, out) => expect(formatEnergy(v)).toBe(out));

test.each([
  [12.345, "12.35 g"], [-2500, "-2.50 kg"], [3_200_000, "3.20 t"], [undefined, "—"],
])("carbon %s → %s", (v, out) => expect(formatCarbon(v)).toBe(out));

test("percent", () => expect(formatPercent(0.256)).toBe("26 %"));
