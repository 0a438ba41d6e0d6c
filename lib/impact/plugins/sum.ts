import { definePlugin } from "../define-plugin";
import { validateNumericParameters, validateParametersConfig, type ParametersConfig } from "./arithmetic-config";

/** IF `Sum`: the sum of `input-parameters`, starting at 0. */
export const Sum = definePlugin<ParametersConfig>({
  arithmetic: [],
  validateConfig: (config) => validateParametersConfig(config, false),
  validateInput: (input, config, index) => validateNumericParameters(input, config["input-parameters"], index),
  implementation: (inputs, config) =>
    inputs.map((input) => ({
      ...input,
      [config["output-parameter"]]: config["input-parameters"].reduce((acc, p) => acc + (input[p] as number), 0),
    })),
});
