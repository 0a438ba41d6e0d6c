/** A row of a node's inputs or outputs: IF's `PluginParams`. */
export type Row = Record<string, unknown>;

export type AggregationMethod = "sum" | "avg" | "copy" | "none";

export interface AggregationMethods {
  time: AggregationMethod;
  component: AggregationMethod;
}

export interface ParameterInfo {
  description?: string;
  unit?: string;
  "aggregation-method"?: AggregationMethods;
}

export type ParameterMetadata = Record<string, ParameterInfo>;

export interface PluginMetadata {
  inputs: ParameterMetadata;
  outputs: ParameterMetadata;
}

/** Plugin param name -> manifest param name (IF's `mapping`). */
export type Mapping = Record<string, string>;

/** What a plugin may ask of the run it is part of. */
export interface ExecutionContext {
  /** Aggregation methods of every registered parameter (TimeSync reads it). */
  aggregationFor(parameter: string): AggregationMethods;
  warn(message: string): void;
  /**
   * Reproduce IF 1.1.0's two known calculation bugs instead of computing the correct value.
   * Only the golden test uses it, to show that nothing else differs from IF.
   */
  reproduceIfBugs?: boolean;
}

export interface ImpactPlugin {
  metadata: PluginMetadata;
  execute(inputs: Row[], context: ExecutionContext): Row[];
}

export type PluginFactory = (
  config?: Row | null,
  parameterMetadata?: Partial<PluginMetadata> | null,
  mapping?: Mapping | null,
) => ImpactPlugin;
