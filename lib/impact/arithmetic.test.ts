import { describe, expect, test } from "vitest";
import { applyOutputParameter, evaluateConfigValue, evaluateInput, evaluateValue } from "./arithmetic";
import { failureOf } from "./testing/run-plugin";

describe("evaluateValue", () => {
  test.each<[unknown, unknown]>([
    ["=2*3", 6],
    ["4", 4],
    ["4.5", 4.5],
    ["=1+2*3", 7],
    ["=10/4-1", 1.5],
    ["= 2 * 3 ", 6],
    ["=a*2", 6],
    ["='a'+1", 4],
    ["=cpu/utilization*2", 40],
    ["=a/b", 1.5],
    ["=2*", undefined],
    ["plain text", "plain text"],
    ["-4", "-4"],
    [7, 7],
    [null, null],
  ])("%j → %j", (value, expected) => {
    expect(evaluateValue(value, "key", { a: 3, b: 2, "cpu/utilization": 20 })).toEqual(expected);
  });

  test.each([
    ["=2/0", "ZeroDivisionArithmeticOperationError: The input expression contains a division by zero: `=2/0`."],
    ["=a/zero", "ZeroDivisionArithmeticOperationError: Division by zero in `key: =a/zero` using input parameter `zero`."],
    ["=missing+1", "InputValidationError: missing is missing from the input array or has nullish value."],
    ["=word+1", "InputValidationError: The value of the `word` parameter in the input array is not a number."],
    ["=2^3", "WrongArithmeticExpressionError: The operator in `=2^3` should be one of these arithmetic operators: *, +, - or /."],
  ])("%s fails", (value, expected) => {
    expect(failureOf(() => evaluateValue(value, "key", { a: 3, zero: 0, word: "w" }))).toBe(expected);
  });
});

describe("evaluateInput", () => {
  test("evaluates every field but the timestamp, earlier fields first", () => {
    expect(evaluateInput({ timestamp: "2024", a: "=2*3", b: "=a+1", c: "text" })).toEqual({ timestamp: "2024", a: 6, b: 7, c: "text" });
  });
});

describe("evaluateConfigValue", () => {
  test.each<[unknown, unknown]>([
    ["=2*3", 6],
    ["6", 6],
    [6, 6],
    ["name", "name"],
  ])("%j → %j", (value, expected) => {
    expect(evaluateConfigValue(value, "coefficient")).toEqual(expected);
  });
});

describe("applyOutputParameter", () => {
  test.each(["carbon", "cpu/energy", "carbon-operational", "energy_total", "a-b/c"])("accepts the name %s", (name) => {
    expect(applyOutputParameter(name, { [name]: 1 })).toEqual({ [name]: 1 });
  });

  test.each(["out2", "abc-div-0", "2", "carbon-", "co2e"])("rejects the name %s", (name) => {
    expect(failureOf(() => applyOutputParameter(name, { [name]: 1 }))).toMatch(/^WrongArithmeticExpressionError: The output parameter/);
  });

  test("an '=' expression is applied to the result", () => {
    expect(applyOutputParameter("=carbon/1000", { x: 1, "=carbon/1000": 500 })).toEqual({ x: 1, carbon: 0.5 });
  });
});
