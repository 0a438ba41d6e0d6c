import { definePlugin } from "../define-plugin";
import { ConfigError, MISSING_CONFIG } from "../errors";
import type { Row } from "../types";
import { checkBoolean, checkString, isEmptyConfig, throwIfIssues, throwIfIssuesAt, unionIssue, type Issue } from "../validate";

export interface CopyParamConfig {
  "keep-existing": boolean;
  from: string;
  to: string;
}

/** IF `Copy` (CopyParam): copies `from` to `to`, deleting `from` unless `keep-existing`. */
export const CopyParam = definePlugin<CopyParamConfig>({
  arithmetic: [],
  dropsInputFields: true,
  validateConfig: (config) => {
    if (isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
    const issues: Issue[] = [];
    checkBoolean(config, "keep-existing", issues);
    checkString(config, "from", issues, 1);
    checkString(config, "to", issues, 1);
    throwIfIssues(issues);
    return config as unknown as CopyParamConfig;
  },
  validateInput: (input, config, index) => {
    const issues: Issue[] = [];
    const value = input[config.from];
    if (typeof value !== "string" && typeof value !== "number") {
      const first: Issue[] = [];
      checkString({ [config.from]: value }, config.from, first);
      issues.push(unionIssue(first[0]));
    }
    throwIfIssuesAt(issues, index);
    return input;
  },
  implementation: (inputs, config) =>
    inputs.map((input) => {
      const value = input[config.from];
      const output: Row = { ...input };
      if (!config["keep-existing"]) delete output[config.from];
      return { ...output, [config.to]: value };
    }),
});
