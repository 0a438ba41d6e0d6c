import { ManifestValidationError } from "./errors";
import type { ParameterInfo, ParameterMetadata, PluginMetadata } from "./types";

export type ExplainBlock = Record<string, { inputs?: ParameterMetadata; outputs?: ParameterMetadata }>;

const sameMethods = (a: ParameterInfo, b: ParameterInfo): boolean =>
  a["aggregation-method"]?.time === b["aggregation-method"]?.time &&
  a["aggregation-method"]?.component === b["aggregation-method"]?.component;

/**
 * The `explain:` block of `explainer: true` manifests: each executed plugin instance's
 * parameter metadata. A parameter described twice must agree on unit and aggregation
 * methods (IF's ManifestValidationError). Instances without metadata are left out.
 */
export const createExplainer = (warn: (message: string) => void) => {
  const block: ExplainBlock = {};

  const stored = (): ParameterMetadata => {
    const parameters: ParameterMetadata = {};
    for (const entry of Object.values(block)) {
      for (const [name, info] of Object.entries({ ...entry.inputs, ...entry.outputs })) {
        parameters[name] ??= info;
      }
    }
    return parameters;
  };

  const check = (metadata: PluginMetadata) => {
    const known = stored();
    for (const [name, info] of Object.entries({ ...metadata.inputs, ...metadata.outputs })) {
      const previous = known[name];
      if (!previous || !info) continue;
      if (previous.unit !== info.unit) {
        throw new ManifestValidationError(
          `Your manifest uses two instances of \`${name}\` with different units. Please check that you are using consistent units for \`${name}\` throughout your manifest.`,
        );
      }
      if (!sameMethods(previous, info)) {
        throw new ManifestValidationError(
          `Your manifest uses two instances of \`${name}\` with different 'aggregation-method'. Please check that you are using right 'aggregation-method' for \`${name}\` throughout your manifest.`,
        );
      }
    }
  };

  return {
    add(pluginName: string, metadata: PluginMetadata) {
      const hasInputs = Object.keys(metadata.inputs).length > 0;
      const hasOutputs = Object.keys(metadata.outputs).length > 0;
      if (!hasInputs) warn(`The inputs parameter metadata of the ${pluginName} plugin is missing.`);
      if (!hasOutputs) warn(`The outputs parameter metadata of the ${pluginName} plugin is missing.`);
      check(metadata);
      if (!hasInputs && !hasOutputs) return;
      block[pluginName] = {
        ...(hasInputs ? { inputs: metadata.inputs } : {}),
        ...(hasOutputs ? { outputs: metadata.outputs } : {}),
      };
    },
    result: (): ExplainBlock => block,
  };
};
