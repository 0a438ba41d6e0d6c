import { aggregateNode } from "./aggregate";
import { computeNode } from "./compute";
import { describeError, PluginInitializationError } from "./errors";
import { createExplainer } from "./explain";
import { validateManifest, type Execution, type Manifest, type PluginInstance } from "./manifest";
import { BUILTINS } from "./plugins";
import { buildRegistry } from "./registry";
import type { ExecutionContext, ImpactPlugin } from "./types";

export interface RunOptions {
  /** Receives IF's warnings (division by zero, unknown parameters, …). Default: ignore. */
  warn?: (message: string) => void;
  /** Reproduce IF 1.1.0's two calculation bugs (see README); for the golden test only. */
  reproduceIfBugs?: boolean;
}

/** The input manifest plus `outputs`/`aggregated` in the tree and, if asked, `explain`. */
export type ComputedManifest = Manifest;

/** IF builtins we know of but do not implement: named in the error, so users know why. */
const UNSUPPORTED_BUILTINS = ["CSVLookup", "CSVImport", "MockObservations", "Regex", "Shell", "TimeConverter"];

const initializePlugin = (name: string, instance: PluginInstance): ImpactPlugin => {
  if (instance.path !== "builtin") {
    throw new PluginInitializationError(
      `Plugin '${name}' has path '${instance.path}': only 'builtin' plugins can run here (no npm or GitHub plugins).`,
    );
  }
  const factory = BUILTINS[instance.method];
  if (!factory) {
    const why = UNSUPPORTED_BUILTINS.includes(instance.method) ? "is not supported yet" : "is not an IF builtin";
    throw new PluginInitializationError(`Plugin '${name}': method '${instance.method}' ${why}.`);
  }
  return factory(instance.config ?? undefined, instance["parameter-metadata"], instance.mapping);
};

/** IF repeats a warning per node; one of each is enough. */
const once = (warn: (message: string) => void) => {
  const seen = new Set<string>();
  return (message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    warn(message);
  };
};

/** Top-level keys in the order if-run writes them. */
const ORDER = ["name", "description", "tags", "explainer", "aggregation", "initialize", "execution", "explain", "tree"];

export const orderManifest = (manifest: Manifest): Manifest => {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (key in manifest) ordered[key] = manifest[key];
  for (const [key, value] of Object.entries(manifest)) if (!(key in ordered)) ordered[key] = value;
  return ordered as Manifest;
};

/**
 * Runs an IF manifest (already parsed from YAML) like `if-run`: initialize the plugins,
 * compute the tree, aggregate, explain. Pure: no I/O. Throws IF's error classes.
 */
export const runManifest = (input: unknown, options: RunOptions = {}): ComputedManifest => {
  const manifest = structuredClone(validateManifest(input));
  const warn = once(options.warn ?? (() => undefined));

  const plugins = new Map<string, ImpactPlugin>();
  for (const [name, instance] of Object.entries(manifest.initialize.plugins)) {
    plugins.set(name, initializePlugin(name, instance));
  }
  const registry = buildRegistry([...plugins.values()], warn);
  const explainer = createExplainer(warn);
  const context: ExecutionContext = {
    aggregationFor: registry.methodsFor,
    warn,
    reproduceIfBugs: options.reproduceIfBugs,
  };

  computeNode(manifest.tree, {}, "tree", {
    plugins,
    context,
    onExecuted: (name, plugin) => {
      if (manifest.explainer) explainer.add(name, plugin.metadata);
    },
  });

  const { aggregation } = manifest;
  if (aggregation?.type) aggregateNode(manifest.tree, aggregation.metrics, aggregation.type, registry);
  if (manifest.explainer) manifest.explain = structuredClone(explainer.result());
  return orderManifest(manifest);
};

export type RunResult = { ok: true; manifest: ComputedManifest } | { ok: false; error: string; manifest: unknown };

/**
 * Like `if-run`'s failure path: the manifest with `execution.status: fail` and
 * `execution.error: "<Class>: <message>"`, the tree left uncomputed.
 */
export const runManifestSafely = (input: unknown, options: RunOptions = {}): RunResult => {
  try {
    return { ok: true, manifest: runManifest(input, options) };
  } catch (error) {
    return { ok: false, error: describeError(error), manifest: input };
  }
};

export const withExecution = (manifest: unknown, execution: Execution): Manifest => {
  const base = (typeof manifest === "object" && manifest !== null ? manifest : {}) as Manifest;
  return orderManifest({ ...base, execution });
};
