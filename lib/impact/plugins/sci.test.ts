import { describe, expect, test } from "vitest";
import { failureOf, row, runPlugin } from "../testing/run-plugin";
import type { Row } from "../types";
import { functionalUnitSeconds, Sci } from "./sci";

const sciOf = (config: Row | undefined, fields: Row) => runPlugin(Sci, config, [row(fields)]);

describe("Sci", () => {
  test.each<[string, Row, number]>([
    ["the README example", { carbon: 5, requests: 100 }, 0.05],
    ["success.yml", { carbon: 5.02, requests: 100 }, 0.050199999999999995],
    ["a fractional unit", { carbon: 2, requests: 0.5 }, 4],
    ["a numeric-string unit", { carbon: 5, requests: "100" }, 0.05],
  ])("%s", (_name, fields, expected) => {
    expect(sciOf({ "functional-unit": "requests" }, fields).outputs[0].sci).toBe(expected);
  });

  test("a functional unit of 0 returns the carbon and warns", () => {
    const run = sciOf({ "functional-unit": "requests" }, { carbon: 5, requests: 0 });
    expect(run.outputs[0].sci).toBe(5);
    expect(run.warnings).toEqual([
      "-- SKIPPING -- DivisionByZero: you are attempting to divide by zero in Sci plugin : inputs[0]",
    ]);
  });

  test("the pre-0.4 functional-unit-time option (seed example: 3.012 g per request)", () => {
    const run = sciOf(
      { "functional-unit": "requests", "functional-unit-time": "1 minute" },
      { duration: 1, "carbon-operational": 0.02, "carbon-embodied": 5, requests: 100 },
    );
    expect(run.outputs[0].sci).toBeCloseTo(3.012, 12);
  });

  test.each<[string, number]>([
    ["1 minute", 60],
    ["minute", 60],
    ["2 hours", 7200],
    ["1 day", 86_400],
  ])("functional-unit-time %s is %d s", (text, seconds) => {
    expect(functionalUnitSeconds(text)).toBe(seconds);
  });

  const MISSING_UNIT =
    "MissingInputDataError: `functional-unit` value is missing from input data or it is not a positive integer";
  test.each<[string, Row | undefined, Row, string]>([
    ["no config", undefined, { carbon: 1 }, "ConfigError: Config is not provided."],
    ["no functional-unit key", { other: 1 }, { carbon: 1 }, 'InputValidationError: "functional-unit" parameter is required. Error code: invalid_type.'],
    ["a missing unit", { "functional-unit": "requests" }, { carbon: 1 }, MISSING_UNIT],
    ["a negative unit", { "functional-unit": "requests" }, { carbon: 1, requests: -1 }, MISSING_UNIT],
    ["a text unit", { "functional-unit": "requests" }, { carbon: 1, requests: "many" }, MISSING_UNIT],
    ["missing carbon", { "functional-unit": "requests" }, { requests: 1 }, 'InputValidationError: "carbon" parameter is required. Error code: invalid_type.'],
    [
      "a sub-second duration",
      { "functional-unit": "requests" },
      { carbon: 1, requests: 1, duration: 0.5 },
      'InputValidationError: "duration" parameter is number must be greater than or equal to 1. Error code: too_small.',
    ],
    [
      "an unknown functional-unit-time",
      { "functional-unit": "requests", "functional-unit-time": "fortnight" },
      { carbon: 1, requests: 1 },
      "ConfigError: Unsupported functional-unit-time `fortnight`. Use e.g. `1 minute`, `hour` or `2 days`.",
    ],
  ])("rejects %s", (_name, config, fields, expected) => {
    expect(failureOf(() => sciOf(config, fields))).toBe(expected);
  });
});
