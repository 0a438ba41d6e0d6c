import { definePlugin } from "../define-plugin";
import { ConfigError, MISSING_CONFIG } from "../errors";
import { checkNumber, checkString, isEmptyConfig, throwIfIssues, throwIfIssuesAt, type Issue } from "../validate";

export interface CoefficientConfig {
  coefficient: number;
  "input-parameter": string;
  "output-parameter": string;
}

/** IF `Coefficient`: `input[input-parameter] × coefficient`. */
export const Coefficient = definePlugin<CoefficientConfig>({
  arithmetic: ["coefficient"],
  validateConfig: (config) => {
    if (isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
    const issues: Issue[] = [];
    checkNumber(config, "coefficient", issues);
    checkString(config, "input-parameter", issues, 1);
    checkString(config, "output-parameter", issues, 1);
    throwIfIssues(issues);
    return config as unknown as CoefficientConfig;
  },
  validateInput: (input, config, index) => {
    // IF validates the value under the config key's name, hence "input-parameter" in the message.
    const issues: Issue[] = [];
    checkNumber({ "input-parameter": input[config["input-parameter"]] }, "input-parameter", issues);
    throwIfIssuesAt(issues, index);
    return input;
  },
  implementation: (inputs, config) =>
    inputs.map((input) => ({
      ...input,
      [config["output-parameter"]]: (input[config["input-parameter"]] as number) * config.coefficient,
    })),
});
