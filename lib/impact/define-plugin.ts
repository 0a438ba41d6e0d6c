import { applyOutputParameter, evaluateConfigValue, evaluateInput } from "./arithmetic";
import { ConfigError } from "./errors";
import { mapConfig, mapInput, mapOutput, unmapInput } from "./mapping";
import type {
  ExecutionContext,
  ImpactPlugin,
  Mapping,
  ParameterMetadata,
  PluginFactory,
  PluginMetadata,
  Row,
} from "./types";

/**
 * The shape of an IF builtin (if-core `PluginFactory`): validate the config, then every
 * input, then compute; each output is `{...input, ...newFields}`.
 */
export interface PluginDefinition<C> {
  metadata?: { inputs?: ParameterMetadata; outputs?: ParameterMetadata };
  /** Config keys whose arithmetic is evaluated; present (even empty) = arithmetic inputs on. */
  arithmetic?: string[];
  validateConfig(config: Row, context: ExecutionContext): C;
  /** Returns the validated input; fields it adds (zod defaults) are merged into the row. */
  validateInput?(input: Row, config: C, index: number): Row;
  implementation(inputs: Row[], config: C, context: ExecutionContext): Row[];
  /** Set when the plugin removes input fields on purpose (Copy without keep-existing). */
  dropsInputFields?: boolean;
}

const buildMetadata = (
  builtIn: PluginDefinition<unknown>["metadata"],
  manifest: Partial<PluginMetadata> | null | undefined,
): PluginMetadata => ({
  // Manifest inputs are merged over the builtin's; manifest outputs replace them (as IF).
  inputs: { ...(builtIn?.inputs ?? {}), ...(manifest?.inputs ?? {}) },
  outputs: manifest?.outputs ?? builtIn?.outputs ?? {},
});

/** The first field the plugin added: the one IF checks against the parameter-name rule. */
const newParameter = (output: Row | undefined, input: Row | undefined): string | undefined =>
  output && Object.keys(output).find((key) => !(key in (input ?? {})));

export const definePlugin =
  <C>(definition: PluginDefinition<C>): PluginFactory =>
  (config, parameterMetadata, mapping): ImpactPlugin => ({
    metadata: buildMetadata(definition.metadata as PluginDefinition<unknown>["metadata"], parameterMetadata),
    execute: (rawInputs, context) => {
      const arithmetic = definition.arithmetic !== undefined;
      const mapped = mapConfig(config ?? {}, mapping ?? {});
      const effectiveMapping: Mapping = mapped.mapping;
      const configRow = arithmetic ? evaluateConfig(mapped.config, definition.arithmetic ?? []) : mapped.config;
      const inputs = arithmetic ? rawInputs.map(evaluateInput) : rawInputs;

      const safeConfig = definition.validateConfig(configRow, context);
      const safeInputs = inputs.map((input, index) =>
        definition.validateInput ? definition.validateInput(input, safeConfig, index) : input,
      );
      const prepared = safeInputs.map((safe, index) => mapInput({ ...inputs[index], ...safe }, effectiveMapping));

      const outputs = definition.implementation(prepared, safeConfig, context);
      const added = arithmetic ? newParameter(outputs[0], prepared[0]) : undefined;

      return outputs.map((output, index) => {
        const checked = added ? applyOutputParameter(added, output) : output;
        // IF spreads output i over input i, even when a plugin (TimeSync) changes the row count.
        const base = definition.dropsInputFields ? {} : (prepared[index] ?? {});
        const original = inputs[index] ?? {};
        return mapOutput(unmapInput({ ...base, ...checked }, effectiveMapping, original), effectiveMapping);
      });
    },
  });

/**
 * if-core evaluates simple `n op n` strings in every config value, and fuller number
 * arithmetic in the keys a plugin lists.
 */
const evaluateConfig = (config: Row, keys: string[]): Row => {
  const evaluated: Row = {};
  for (const [key, value] of Object.entries(config)) {
    const simple = typeof value === "string" && /^=?\d+([*/+])\d+$/.test(value);
    evaluated[key] = simple || keys.includes(key) ? evaluateConfigValue(value, key) : value;
    if (keys.includes(key) && typeof evaluated[key] === "string" && (evaluated[key] as string).startsWith("=")) {
      // IF would evaluate it against the last input only and use that for every row.
      throw new ConfigError(
        `\`${key}: ${String(value)}\` reads input fields; config expressions over inputs are not supported. Compute the field with a plugin first.`,
      );
    }
  }
  return evaluated;
};
