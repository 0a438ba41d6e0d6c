import { definePlugin } from "../define-plugin";
import { validateNumericParameters, validateParametersConfig, type ParametersConfig } from "./arithmetic-config";

/** IF `Multiply`: the product of `input-parameters`, starting at 1. */
export const Multiply = definePlugin<ParametersConfig>({
  arithmetic: [],
  validateConfig: (config) => validateParametersConfig(config, true),
  validateInput: (input, config, index) => validateNumericParameters(input, config["input-parameters"], index),
  implementation: (inputs, config) =>
    inputs.map((input) => ({
      ...input,
      [config["output-parameter"]]: config["input-parameters"].reduce((acc, p) => acc * (input[p] as number), 1),
    })),
});
