import type { ImpactNode } from "./aggregate";
import { ImpactError, PluginInitializationError } from "./errors";
import { regroup } from "./regroup";
import type { ExecutionContext, ImpactPlugin, Row } from "./types";

export interface Pipeline {
  observe?: string[];
  regroup?: string[];
  compute?: string[];
}

export interface ComputeParams {
  plugins: Map<string, ImpactPlugin>;
  context: ExecutionContext;
  onExecuted(pluginName: string, plugin: ImpactPlugin): void;
}

interface Inherited {
  pipeline?: Pipeline;
  defaults?: Row;
}

/** IF's `mergeObjects`: a default fills a key that is missing, null or undefined. */
export const mergeDefaults = (input: Row, defaults: Row | undefined): Row => {
  if (!defaults) return input;
  const merged: Row = { ...input };
  for (const [key, value] of Object.entries(defaults)) {
    if (merged[key] === undefined || merged[key] === null) merged[key] = value;
  }
  return merged;
};

/** Keeps IF's class and message, adding where it happened (IF often says neither). */
const withLocation = (error: unknown, path: string, pluginName: string): unknown => {
  if (!(error instanceof Error) || (error as { located?: boolean }).located) return error;
  const index = error instanceof ImpactError ? error.index : undefined;
  const at = index !== undefined && !error.message.includes(`at index ${index}`) ? `, input ${index}` : "";
  error.message = `${error.message} (node ${path}, plugin ${pluginName}${at})`;
  Object.assign(error, { located: true });
  return error;
};

const runPhase = (names: string[] | undefined, rows: Row[], path: string, params: ComputeParams): Row[] => {
  let current = rows;
  for (const name of names ?? []) {
    const plugin = params.plugins.get(name);
    if (!plugin) {
      throw new PluginInitializationError(
        `Not initalized plugin: ${name}. Check if ${name} is in 'manifest.initalize.plugins'. (node ${path})`,
      );
    }
    try {
      current = plugin.execute(current, params.context);
    } catch (error) {
      throw withLocation(error, path, name);
    }
    params.onExecuted(name, plugin);
  }
  return current;
};

const asPipeline = (pipeline: unknown, path: string, params: ComputeParams): Pipeline => {
  if (Array.isArray(pipeline)) {
    params.context.warn(
      `You're using an old style manifest. Please update for phased execution. (node ${path}: nothing is computed)`,
    );
    return {};
  }
  return (pipeline ?? {}) as Pipeline;
};

/**
 * IF's `computeNode`: a node takes `pipeline` and `defaults` from the nearest ancestor that
 * has them; grouping nodes recurse, leaves run observe → regroup → compute. `inputs` are
 * written back unchanged and the results go to `outputs`.
 */
export const computeNode = (node: ImpactNode, inherited: Inherited, path: string, params: ComputeParams): void => {
  const pipeline = (node.pipeline as Pipeline | undefined) ?? inherited.pipeline;
  const defaults = node.defaults ?? inherited.defaults;
  if ("config" in node) params.context.warn(`Node-level config is ignored by the builtins (node ${path}).`);

  if (node.children) {
    for (const [name, child] of Object.entries(node.children)) {
      computeNode(child, { pipeline, defaults }, `${path}.children.${name}`, params);
    }
    return;
  }

  const phases = asPipeline(pipeline, path, params);
  const original = structuredClone(node.inputs ?? []);
  let rows = original;
  if (phases.observe?.length) {
    rows = runPhase(phases.observe, rows, path, params);
    node.inputs = rows;
  }
  rows = rows.map((row) => mergeDefaults(row, defaults));

  if (phases.regroup) {
    node.children = regroup(rows, phases.regroup);
    delete node.inputs;
    delete node.outputs;
    // The new children run the rest of the pipeline (compute) with the same defaults.
    for (const [name, child] of Object.entries(node.children)) {
      computeNode(child, { pipeline: { compute: phases.compute }, defaults }, `${path}.children.${name}`, params);
    }
    return;
  }

  if (phases.compute?.length) {
    const outputs = runPhase(phases.compute, rows, path, params);
    // Rows created from nothing (empty inputs) still get the defaults, as in IF.
    node.outputs = original.length === 0 ? outputs.map((row) => mergeDefaults(row, defaults)) : outputs;
  }
};
