import { definePlugin } from "../define-plugin";
import { ConfigError, InputValidationError, MISSING_CONFIG } from "../errors";
import type { ExecutionContext, Row } from "../types";
import {
  checkNumber,
  checkNumberArray,
  checkString,
  formatIssues,
  isEmptyConfig,
  throwIfIssues,
  type Issue,
} from "../validate";
import { interpolate, sortCurve, sortIndependently, type InterpolationMethod } from "./interpolation-math";

export interface InterpolationConfig {
  method: InterpolationMethod;
  x: number[];
  y: number[];
  "input-parameter": string;
  "output-parameter": string;
}

const METHODS: InterpolationMethod[] = ["linear", "spline", "polynomial"];
export const OUT_OF_RANGE = "The target x value must be within the range of the given x values";

const validateConfig = (raw: Row, context: ExecutionContext): InterpolationConfig => {
  if (isEmptyConfig(raw)) throw new ConfigError(MISSING_CONFIG);
  const config = { method: "linear", ...raw } as Row;
  const issues: Issue[] = [];
  if (!METHODS.includes(config.method as InterpolationMethod)) {
    const expected = METHODS.map((m) => `'${m}'`).join(" | ");
    const received = typeof config.method === "string" ? `'${config.method}'` : String(config.method);
    issues.push({
      path: "method",
      message: `Invalid enum value. Expected ${expected}, received ${received}`,
      code: "invalid_enum_value",
    });
  }
  const arraysOk = checkNumberArray(config, "x", issues) && checkNumberArray(config, "y", issues);
  checkString(config, "input-parameter", issues);
  checkString(config, "output-parameter", issues);
  throwIfIssues(issues);
  if (arraysOk) {
    // zod runs both refinements, so both messages can appear together.
    const x = config.x as number[];
    const y = config.y as number[];
    if (x.length !== y.length) issues.push({ message: "The length of `x` and `y` should be equal" });
    if (!(x.length > 1 && y.length > 1)) issues.push({ message: "the length of the input arrays must be greater than 1" });
  }
  throwIfIssues(issues);
  const points = { x: config.x as number[], y: config.y as number[] };
  const curve = context.reproduceIfBugs ? sortIndependently(points) : sortCurve(points);
  return { ...(config as unknown as InterpolationConfig), ...curve };
};

const validateInput = (input: Row, config: InterpolationConfig, index: number): Row => {
  const parameter = config["input-parameter"];
  const issues: Issue[] = [];
  const timestamp = input.timestamp;
  if (typeof timestamp !== "string" && !(timestamp instanceof Date)) {
    issues.push({ path: "timestamp", message: timestamp === undefined ? "Required" : "Expected string", code: "invalid_union" });
  }
  checkNumber(input, "duration", issues);
  const value = input[parameter];
  if (value === "off") {
    throwIfIssues(issues, index);
    return input;
  }
  const usable = checkNumber(input, parameter, issues, { gte: 0 });
  if (usable) {
    const v = value as number;
    if (v < config.x[0] || v > config.x[config.x.length - 1]) issues.push({ message: OUT_OF_RANGE });
  }
  // IF's range message carries no index; ours keeps the message and the index rides on the error.
  if (issues.length) throw new InputValidationError(formatIssues(issues, index), index);
  return input;
};

/**
 * IF `Interpolation`: maps `input-parameter` through the curve (x, y). The literal `'off'`
 * sets both the input parameter and the result to 0.
 */
export const Interpolation = definePlugin<InterpolationConfig>({
  arithmetic: [],
  validateConfig,
  validateInput,
  implementation: (inputs, config) =>
    inputs.map((input) => {
      const parameter = config["input-parameter"];
      if (input[parameter] === "off") return { ...input, [parameter]: 0, [config["output-parameter"]]: 0 };
      return {
        ...input,
        [config["output-parameter"]]: interpolate(config.method, config, input[parameter] as number),
      };
    }),
});
