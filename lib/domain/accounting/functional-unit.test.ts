import { describe, expect, test } from "vitest";
import { functionalUnitsFromLog, networkGbFromLog, resolveFunctionalUnit } from "./functional-unit";

describe("functional units", () => {
  test.each([
    ["", null],
    ["GRIDSHIFT_FUNCTIONAL_UNITS=120\n", 120],
    ["start\nGRIDSHIFT_FUNCTIONAL_UNITS=10\nmore\nGRIDSHIFT_FUNCTIONAL_UNITS=12.5\n", 12.5],
    ["echo GRIDSHIFT_FUNCTIONAL_UNITS=5 inline", null],
    ["GRIDSHIFT_FUNCTIONAL_UNITS=0", null],
    ["GRIDSHIFT_FUNCTIONAL_UNITS=-3", null],
  ])("from the log %j → %s", (log, expected) => expect(functionalUnitsFromLog(log)).toBe(expected));

  test("network GB from the log", () => expect(networkGbFromLog("x\nGRIDSHIFT_NETWORK_GB=2.5\n")).toBe(2.5));

  test.each([
    [{ functionalUnit: "images", functionalUnitCount: 40 }, 99, { name: "images", count: 40 }],
    [{ functionalUnit: "requests", functionalUnitCount: null }, 99, { name: "requests", count: 99 }],
    [{ functionalUnit: null, functionalUnitCount: null }, 7, { name: "units", count: 7 }],
    [{ functionalUnit: null, functionalUnitCount: null }, null, { name: "run", count: 1 }],
  ])("task %j with %s from the log", (task, fromLog, expected) => expect(resolveFunctionalUnit(task, fromLog)).toEqual(expected));
});
