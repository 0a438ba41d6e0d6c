/**
 * GridShift's Impact Framework (IF 1.1.0) engine: builtin plugins and a manifest runner
 * in pure TypeScript. The accounting code calls `runManifest` or a plugin factory.
 */
export { runManifest, runManifestSafely, type ComputedManifest, type RunOptions, type RunResult } from "./runner";
export type { Manifest, PluginInstance, Execution } from "./manifest";
export type { ImpactNode, AggregationType } from "./aggregate";
export type { ExplainBlock } from "./explain";
export type {
  AggregationMethod,
  AggregationMethods,
  ExecutionContext,
  ImpactPlugin,
  Mapping,
  ParameterMetadata,
  PluginFactory,
  PluginMetadata,
  Row,
} from "./types";
export {
  BUILTINS,
  Coefficient,
  CopyParam,
  Divide,
  Exponent,
  Interpolation,
  Multiply,
  Sci,
  SciEmbodied,
  Subtract,
  Sum,
  TimeSync,
} from "./plugins";
export { embodiedCarbon, SCI_EMBODIED_DEFAULTS } from "./plugins/sci-embodied";
export * from "./errors";
