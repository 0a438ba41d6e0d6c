import { definePlugin } from "../define-plugin";
import { validateNumericParameters, validateParametersConfig, type ParametersConfig } from "./arithmetic-config";

/** IF `Subtract`: the first parameter minus each of the others. */
export const Subtract = definePlugin<ParametersConfig>({
  arithmetic: [],
  validateConfig: (config) => validateParametersConfig(config, true),
  validateInput: (input, config, index) => validateNumericParameters(input, config["input-parameters"], index),
  implementation: (inputs, config) =>
    inputs.map((input) => {
      const [first, ...rest] = config["input-parameters"].map((p) => input[p] as number);
      return { ...input, [config["output-parameter"]]: rest.reduce((acc, value) => acc - value, first ?? 0) };
    }),
});
