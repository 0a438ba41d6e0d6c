import { definePlugin } from "../define-plugin";
import { ConfigError, MISSING_CONFIG } from "../errors";
import { checkNumber, checkString, isEmptyConfig, throwIfIssues, throwIfIssuesAt, type Issue } from "../validate";

export interface ExponentConfig {
  "input-parameter": string;
  exponent: number;
  "output-parameter": string;
}

/** IF `Exponent`: `input[input-parameter] ^ exponent`. */
export const Exponent = definePlugin<ExponentConfig>({
  arithmetic: ["exponent"],
  validateConfig: (config) => {
    if (isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
    const issues: Issue[] = [];
    checkString(config, "input-parameter", issues, 1);
    checkNumber(config, "exponent", issues);
    checkString(config, "output-parameter", issues, 1);
    throwIfIssues(issues);
    return config as unknown as ExponentConfig;
  },
  validateInput: (input, config, index) => {
    // Unlike Coefficient, IF's Exponent names the input field itself in the message.
    const issues: Issue[] = [];
    checkNumber(input, config["input-parameter"], issues);
    throwIfIssuesAt(issues, index);
    return input;
  },
  implementation: (inputs, config) =>
    inputs.map((input) => ({
      ...input,
      [config["output-parameter"]]: Math.pow(input[config["input-parameter"]] as number, config.exponent),
    })),
});
