import { definePlugin } from "../define-plugin";
import { ConfigError, MISSING_CONFIG, MissingInputDataError } from "../errors";
import { checkNumber, checkString, isEmptyConfig, throwIfIssues, throwIfIssuesAt, unionIssue, type Issue } from "../validate";

export interface DivideConfig {
  numerator: string;
  denominator: string | number;
  output: string;
}

const validateDenominator = (value: unknown, issues: Issue[]): void => {
  if (typeof value === "string" || typeof value === "number") return;
  const first: Issue[] = [];
  checkString({ denominator: value }, "denominator", first);
  issues.push(unionIssue(first[0]));
};

/**
 * IF `Divide`: `input[numerator] / denominator`, the denominator being a number or the
 * name of an input field. A numeric 0 returns the numerator with a warning; a named
 * field that is missing, null or 0 is an error.
 */
export const Divide = definePlugin<DivideConfig>({
  arithmetic: ["numerator", "denominator"],
  validateConfig: (config) => {
    if (isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
    const issues: Issue[] = [];
    checkString(config, "numerator", issues, 1);
    validateDenominator(config.denominator, issues);
    checkString(config, "output", issues);
    throwIfIssues(issues);
    return config as unknown as DivideConfig;
  },
  validateInput: (input, config, index) => {
    const issues: Issue[] = [];
    checkNumber(input, config.numerator, issues);
    throwIfIssuesAt(issues, index);
    return input;
  },
  implementation: (inputs, config, context) =>
    inputs.map((input, index) => {
      const numerator = input[config.numerator] as number;
      const { denominator } = config;
      if (typeof denominator === "number") {
        if (denominator === 0) {
          context.warn(`-- SKIPPING -- DivisionByZero: you are attempting to divide by zero in Divide plugin : inputs[${index}]`);
          return { ...input, [config.output]: numerator };
        }
        return { ...input, [config.output]: numerator / denominator };
      }
      const value = input[denominator];
      if (!value) {
        throw new MissingInputDataError(`${denominator} is missing from the input array, or has nullish value.`, index);
      }
      return { ...input, [config.output]: numerator / (value as number) };
    }),
});
