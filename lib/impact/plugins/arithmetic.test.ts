import { describe, expect, test } from "vitest";
import { failureOf, row, runPlugin } from "../testing/run-plugin";
import type { PluginFactory, Row } from "../types";
import { Coefficient } from "./coefficient";
import { CopyParam } from "./copy-param";
import { Divide } from "./divide";
import { Exponent } from "./exponent";
import { Multiply } from "./multiply";
import { Subtract } from "./subtract";
import { Sum } from "./sum";

const params = { "input-parameters": ["a", "b", "c"], "output-parameter": "out" };
const abc = row({ a: 8, b: 2, c: 0.5 });

describe("results", () => {
  test.each<[string, PluginFactory, Row, Row, string, unknown]>([
    ["Multiply", Multiply, params, abc, "out", 8],
    ["Sum", Sum, params, abc, "out", 10.5],
    ["Subtract", Subtract, params, abc, "out", 5.5],
    ["Multiply of nothing", Multiply, { ...params, "input-parameters": [] }, abc, "out", 1],
    ["Sum of nothing", Sum, { ...params, "input-parameters": [] }, abc, "out", 0],
    ["Coefficient", Coefficient, { coefficient: 3, "input-parameter": "a", "output-parameter": "out" }, abc, "out", 24],
    ["Coefficient '=2*3'", Coefficient, { coefficient: "=2*3", "input-parameter": "a", "output-parameter": "out" }, abc, "out", 48],
    ["Exponent", Exponent, { "input-parameter": "b", exponent: 3, "output-parameter": "out" }, abc, "out", 8],
    ["Divide by a number", Divide, { numerator: "a", denominator: 4, output: "out" }, abc, "out", 2],
    ["Divide by a field", Divide, { numerator: "a", denominator: "b", output: "out" }, abc, "out", 4],
    ["Divide by 0 returns the numerator", Divide, { numerator: "a", denominator: 0, output: "out" }, abc, "out", 8],
    ["Copy keeping", CopyParam, { "keep-existing": true, from: "a", to: "out" }, abc, "out", 8],
    ["arithmetic input '=2*3'", Multiply, params, row({ a: "=2*3", b: 1, c: 1 }), "out", 6],
    ["numeric string input", Sum, params, row({ a: "4", b: 1, c: 1 }), "out", 6],
    ["input referencing a field", Sum, params, row({ a: 2, b: "=a*3", c: 1 }), "out", 9],
  ])("%s", (_name, factory, config, input, key, expected) => {
    const [output] = runPlugin(factory, config, [input]).outputs;
    expect(output[key]).toBe(expected);
    // Inputs are carried forward.
    expect(output.timestamp).toBe(input.timestamp);
  });

  test("Copy without keep-existing removes the source field", () => {
    const [output] = runPlugin(CopyParam, { "keep-existing": false, from: "a", to: "out" }, [abc]).outputs;
    expect(output).not.toHaveProperty("a");
    expect(output.out).toBe(8);
  });

  test("Divide by numeric 0 warns with the input index, as IF", () => {
    const { warnings } = runPlugin(Divide, { numerator: "a", denominator: 0, output: "out" }, [abc, abc]);
    expect(warnings).toEqual([
      "-- SKIPPING -- DivisionByZero: you are attempting to divide by zero in Divide plugin : inputs[0]",
      "-- SKIPPING -- DivisionByZero: you are attempting to divide by zero in Divide plugin : inputs[1]",
    ]);
  });

  test("mapping renames a manifest field to the plugin's parameter and back", () => {
    const [output] = runPlugin(
      Coefficient,
      { coefficient: 2, "input-parameter": "carbon", "output-parameter": "carbon-product" },
      [row({ "carbon-total": 5 })],
      { mapping: { carbon: "carbon-total", "carbon-product": "doubled" } },
    ).outputs;
    expect(output).toMatchObject({ "carbon-total": 5, doubled: 10 });
    expect(output).not.toHaveProperty("carbon");
  });

  test("an '=' output parameter transforms the result", () => {
    const [output] = runPlugin(Multiply, { "input-parameters": ["a", "b"], "output-parameter": "=2*carbon" }, [abc]).outputs;
    expect(output.carbon).toBe(32);
  });
});

describe("errors", () => {
  test.each<[string, PluginFactory, Row | undefined, Row, string]>([
    ["Multiply without config", Multiply, undefined, abc, "ConfigError: Config is not provided."],
    ["Subtract with empty config", Subtract, {}, abc, "ConfigError: Config is not provided."],
    [
      "Sum without config reports both keys",
      Sum,
      undefined,
      abc,
      'InputValidationError: "input-parameters" parameter is required. Error code: invalid_type.,"output-parameter" parameter is required. Error code: invalid_type.',
    ],
    [
      "Multiply with an empty output name",
      Multiply,
      { "input-parameters": ["a"], "output-parameter": "" },
      abc,
      'InputValidationError: "output-parameter" parameter is string must contain at least 1 character(s). Error code: too_small.',
    ],
    ["Multiply with a missing input", Multiply, { ...params, "input-parameters": ["a", "z"] }, abc, 'InputValidationError: "z" parameter is required. Error code: invalid_type.'],
    ["Sum with a text input", Sum, params, row({ a: "x", b: 1, c: 1 }), 'InputValidationError: "a" parameter is expected number, received string. Error code: invalid_type.'],
    ["Coefficient without config", Coefficient, {}, abc, "ConfigError: Config is not provided."],
    [
      "Coefficient with a missing input",
      Coefficient,
      { coefficient: 3, "input-parameter": "z", "output-parameter": "out" },
      abc,
      'InputValidationError: "input-parameter" parameter is required. Error code: invalid_type.',
    ],
    ["Exponent without config", Exponent, undefined, abc, "ConfigError: Config is not provided."],
    [
      "Exponent with a missing input",
      Exponent,
      { "input-parameter": "z", exponent: 2, "output-parameter": "out" },
      abc,
      'InputValidationError: "z" parameter is required. Error code: invalid_type.',
    ],
    [
      "Exponent with a text exponent",
      Exponent,
      { "input-parameter": "a", exponent: "two", "output-parameter": "out" },
      abc,
      'InputValidationError: "exponent" parameter is expected number, received string. Error code: invalid_type.',
    ],
    ["Divide without config", Divide, {}, abc, "ConfigError: Config is not provided."],
    [
      "Divide without denominator",
      Divide,
      { numerator: "a", output: "out" },
      abc,
      'InputValidationError: "denominator" parameter is required. Error code: invalid_union.',
    ],
    ["Divide by a missing field", Divide, { numerator: "a", denominator: "z", output: "out" }, abc, "MissingInputDataError: z is missing from the input array, or has nullish value."],
    ["Divide by a zero field", Divide, { numerator: "a", denominator: "d", output: "out" }, row({ a: 1, d: 0 }), "MissingInputDataError: d is missing from the input array, or has nullish value."],
    ["Divide with a missing numerator", Divide, { numerator: "cpu-energy-raw", denominator: 2, output: "out" }, abc, 'InputValidationError: "cpu-energy-raw" parameter is required. Error code: invalid_type.'],
    ["Copy without config", CopyParam, {}, abc, "ConfigError: Config is not provided."],
    [
      "Copy of a missing field",
      CopyParam,
      { "keep-existing": true, from: "z", to: "out" },
      abc,
      'InputValidationError: "z" parameter is required. Error code: invalid_union.',
    ],
    [
      "an output name with a digit",
      Multiply,
      { ...params, "output-parameter": "out2" },
      abc,
      "WrongArithmeticExpressionError: The output parameter `out2` contains an invalid arithmetic expression. It should start with `=` and include the symbols `*`, `+`, `-` and `/`.",
    ],
    [
      "an output name ending in a number",
      Divide,
      { numerator: "a", denominator: 2, output: "abc-div-0" },
      abc,
      "WrongArithmeticExpressionError: The output parameter `abc-div-0` contains an invalid arithmetic expression. It should start with `=` and include the symbols `*`, `+`, `-` and `/`.",
    ],
    ["an expression over a missing field", Sum, params, row({ a: "=zz*2", b: 1, c: 1 }), "InputValidationError: zz is missing from the input array or has nullish value."],
    [
      "an expression dividing by a zero field",
      Sum,
      params,
      row({ z: 0, a: "=b/z", b: 1, c: 1 }),
      "ZeroDivisionArithmeticOperationError: Division by zero in `a: =b/z` using input parameter `z`.",
    ],
    [
      "an expression with a bad operator",
      Sum,
      params,
      row({ a: "=2%3", b: 1, c: 1 }),
      "WrongArithmeticExpressionError: The operator in `=2%3` should be one of these arithmetic operators: *, +, - or /.",
    ],
    [
      "a config expression over input fields",
      Coefficient,
      { coefficient: "=a*2", "input-parameter": "a", "output-parameter": "out" },
      abc,
      "ConfigError: `coefficient: =a*2` reads input fields; config expressions over inputs are not supported. Compute the field with a plugin first.",
    ],
  ])("%s", (_name, factory, config, input, expected) => {
    expect(failureOf(() => runPlugin(factory, config, [input]))).toBe(expected);
  });

  test("per-input errors carry the input index for the runner", () => {
    let index: unknown;
    try {
      runPlugin(Multiply, params, [abc, row({ a: 1, b: 1 })]);
    } catch (error) {
      index = (error as { index?: number }).index;
    }
    expect(index).toBe(1);
  });
});
