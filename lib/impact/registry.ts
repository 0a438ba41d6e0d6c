import type { AggregationMethods, ImpactPlugin, ParameterMetadata } from "./types";

const COPY: AggregationMethods = { time: "copy", component: "copy" };

/**
 * How each parameter aggregates over time and across components: filled from every
 * plugin instance's metadata in `initialize.plugins` order, the last one winning (IF's
 * global store; ours is per run). Unknown parameters are copied, with a warning, as in IF.
 */
export interface AggregationRegistry {
  methodsFor(parameter: string): AggregationMethods;
}

export const buildRegistry = (plugins: ImpactPlugin[], warn: (message: string) => void): AggregationRegistry => {
  const methods = new Map<string, AggregationMethods>();
  const register = (metadata: ParameterMetadata) => {
    for (const [name, info] of Object.entries(metadata)) {
      const method = info?.["aggregation-method"];
      if (method) methods.set(name, method);
    }
  };
  for (const plugin of plugins) {
    register(plugin.metadata.inputs);
    register(plugin.metadata.outputs);
  }
  const warned = new Set<string>();
  return {
    methodsFor: (parameter) => {
      const found = methods.get(parameter);
      if (found) return found;
      if (!warned.has(parameter)) {
        warned.add(parameter);
        warn(`Unknown parameter: ${parameter}. Omitting from the output.`);
      }
      return COPY;
    },
  };
};
