import { buildRegistry } from "../registry";
import type { ExecutionContext, Mapping, PluginFactory, PluginMetadata, Row } from "../types";

export interface PluginRun {
  outputs: Row[];
  warnings: string[];
}

/** Runs one plugin as the runner would, with only its own metadata registered. */
export const runPlugin = (
  factory: PluginFactory,
  config: Row | undefined,
  inputs: Row[],
  options: { metadata?: Partial<PluginMetadata>; mapping?: Mapping; reproduceIfBugs?: boolean } = {},
): PluginRun => {
  const warnings: string[] = [];
  const plugin = factory(config, options.metadata, options.mapping);
  const registry = buildRegistry([plugin], () => undefined);
  const context: ExecutionContext = {
    aggregationFor: registry.methodsFor,
    warn: (message) => warnings.push(message),
    reproduceIfBugs: options.reproduceIfBugs,
  };
  return { outputs: plugin.execute(inputs, context), warnings };
};

/** The `Class: message` a run fails with, or "no error". */
export const failureOf = (run: () => unknown): string => {
  try {
    run();
    return "no error";
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
};

export const row = (fields: Row): Row => ({ timestamp: "2024-01-01T00:00:00Z", duration: 3600, ...fields });
