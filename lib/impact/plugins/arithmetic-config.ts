import { ConfigError, MISSING_CONFIG } from "../errors";
import type { Row } from "../types";
import { checkNumber, checkString, checkStringArray, isEmptyConfig, throwIfIssues, throwIfIssuesAt, type Issue } from "../validate";

/** Config shared by Multiply, Sum and Subtract. */
export interface ParametersConfig {
  "input-parameters": string[];
  "output-parameter": string;
}

export const validateParametersConfig = (config: Row, requireConfig: boolean): ParametersConfig => {
  // Sum alone skips this check in IF 1.1.0, so an empty Sum config reports both keys instead.
  if (requireConfig && isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
  const issues: Issue[] = [];
  checkStringArray(config, "input-parameters", issues);
  checkString(config, "output-parameter", issues, 1);
  throwIfIssues(issues);
  return config as unknown as ParametersConfig;
};

/** Every listed parameter must be a number in the input (IF reports no index here). */
export const validateNumericParameters = (input: Row, parameters: string[], index: number): Row => {
  const issues: Issue[] = [];
  for (const parameter of parameters) checkNumber(input, parameter, issues);
  throwIfIssuesAt(issues, index);
  return input;
};
