import { describe, expect, test } from "vitest";
import { numbersMatch } from "../testing/compare-trees";
import { failureOf, row, runPlugin } from "../testing/run-plugin";
import type { Row } from "../types";
import { Interpolation } from "./interpolation";

const teads = (method: string): Row => ({
  method,
  x: [0, 10, 50, 100],
  y: [0.12, 0.32, 0.75, 1.02],
  "input-parameter": "cpu/utilization",
  "output-parameter": "cpu-factor",
});

const factorAt = (config: Row, utilization: unknown, options = {}): unknown =>
  runPlugin(Interpolation, config, [row({ "cpu/utilization": utilization })], options).outputs[0]["cpu-factor"];

// IF-SEMANTICS §3, values from IF 1.1.0.
const TABLE: [number, number, number, number][] = [
  [0, 0.12, 0.12, 0.12],
  [5, 0.22, 0.223317835, 0.2260375],
  [10, 0.32, 0.32, 0.32],
  [25, 0.48125, 0.540352515, 0.538854167],
  [45, 0.69625, 0.716969893, 0.7187375],
  [50, 0.75, 0.75, 0.75],
  [75, 0.885, 0.894432165, 0.871145833],
  [99.5, 1.0173, 1.017551499, 1.01599004],
  [100, 1.02, 1.02, 1.02],
];

describe("Interpolation on the Teads curve", () => {
  test.each(TABLE)("at %d%%: linear %d, spline %d, polynomial %d", (u, linear, spline, polynomial) => {
    expect(numbersMatch(factorAt(teads("linear"), u) as number, linear)).toBe(true);
    // The table is rounded to 9 decimals.
    expect(factorAt(teads("spline"), u)).toBeCloseTo(spline, 8);
    expect(factorAt(teads("polynomial"), u)).toBeCloseTo(polynomial, 8);
  });

  test("method defaults to linear", () => {
    const { method: _, ...config } = teads("linear");
    expect(factorAt(config, 45)).toBe(0.69625);
  });

  test("'off' sets both the input parameter and the result to 0", () => {
    const [output] = runPlugin(Interpolation, teads("linear"), [row({ "cpu/utilization": "off" })]).outputs;
    expect(output).toMatchObject({ "cpu/utilization": 0, "cpu-factor": 0 });
  });

  test("a decreasing curve keeps its (x, y) pairs (IF sorts them apart)", () => {
    const config = { ...teads("linear"), x: [0, 50, 100], y: [1, 0.5, 0.2] };
    expect(factorAt(config, 25)).toBe(0.75);
    expect(factorAt(config, 25, { reproduceIfBugs: true })).toBeCloseTo(0.35, 12);
  });

  test("unsorted points are sorted by x", () => {
    expect(factorAt({ ...teads("linear"), x: [50, 0, 100, 10], y: [0.75, 0.12, 1.02, 0.32] }, 45)).toBe(0.69625);
  });
});

describe("Interpolation errors", () => {
  test.each<[string, Row | undefined, unknown, string]>([
    ["no config", undefined, 10, "ConfigError: Config is not provided."],
    [
      "an unknown method",
      teads("cubic"),
      10,
      "InputValidationError: \"method\" parameter is invalid enum value. expected 'linear' | 'spline' | 'polynomial', received 'cubic'. Error code: invalid_enum_value.",
    ],
    ["x and y of different lengths", { ...teads("linear"), y: [1, 2, 3] }, 10, "InputValidationError: The length of `x` and `y` should be equal"],
    [
      "a single point",
      { ...teads("linear"), x: [1], y: [1] },
      1,
      "InputValidationError: the length of the input arrays must be greater than 1",
    ],
    [
      "a value above the curve",
      teads("linear"),
      120,
      "InputValidationError: The target x value must be within the range of the given x values",
    ],
    [
      "a negative value",
      teads("linear"),
      -1,
      'InputValidationError: "cpu/utilization" parameter is number must be greater than or equal to 0 at index 0. Error code: too_small.,The target x value must be within the range of the given x values',
    ],
    [
      "a missing value",
      teads("linear"),
      undefined,
      'InputValidationError: "cpu/utilization" parameter is required at index 0. Error code: invalid_type.',
    ],
  ])("%s", (_name, config, utilization, expected) => {
    expect(failureOf(() => factorAt(config as Row, utilization))).toBe(expected);
  });

  test("a missing duration is reported with its index", () => {
    const input = { timestamp: "2024-01-01T00:00:00Z", "cpu/utilization": 10 };
    expect(failureOf(() => runPlugin(Interpolation, teads("linear"), [row({ "cpu/utilization": 1 }), input]))).toBe(
      'InputValidationError: "duration" parameter is required at index 1. Error code: invalid_type.',
    );
  });
});
