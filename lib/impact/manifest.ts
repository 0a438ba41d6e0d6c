import { AGGREGATION_TYPES, type AggregationType, type ImpactNode } from "./aggregate";
import { ManifestValidationError } from "./errors";
import type { ExplainBlock } from "./explain";
import type { Mapping, PluginMetadata, Row } from "./types";
import { checkBoolean, checkString, throwIfIssues, type Issue } from "./validate";

export interface PluginInstance {
  path: string;
  method: string;
  config?: Row | null;
  mapping?: Mapping | null;
  "parameter-metadata"?: Partial<PluginMetadata> | null;
}

export interface Execution {
  command?: string;
  environment?: {
    "if-version": string;
    os: string;
    "os-version": string;
    "node-version": string;
    "date-time": string;
    dependencies: string[];
  };
  status: "success" | "fail";
  error?: string;
}

export interface Manifest {
  name: string;
  description?: string | null;
  tags?: { kind?: string | null; complexity?: string | null; category?: string | null } | null;
  explainer?: boolean;
  aggregation?: { metrics: string[]; type: AggregationType; "skip-components"?: string[] } | null;
  initialize: { plugins: Record<string, PluginInstance> };
  execution?: Execution;
  explain?: ExplainBlock;
  tree: ImpactNode;
  [key: string]: unknown;
}

const isObject = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

const required = (path: string, value: unknown, issues: Issue[], expected = "object"): boolean => {
  if (value === undefined) {
    issues.push({ path, message: "Required", code: "invalid_type" });
    return false;
  }
  if (expected === "object" ? !isObject(value) : typeof value !== expected) {
    issues.push({ path, message: `Expected ${expected}, received ${Array.isArray(value) ? "array" : typeof value}`, code: "invalid_type" });
    return false;
  }
  return true;
};

const checkAggregation = (aggregation: unknown, issues: Issue[]) => {
  if (aggregation === undefined || aggregation === null) return;
  if (!required("aggregation", aggregation, issues)) return;
  const { metrics, type } = aggregation as Row;
  if (!Array.isArray(metrics) || metrics.some((m) => typeof m !== "string")) {
    issues.push({ path: "aggregation.metrics", message: metrics === undefined ? "Required" : "Expected array of strings", code: "invalid_type" });
  }
  if (!AGGREGATION_TYPES.includes(type as AggregationType)) {
    const expected = AGGREGATION_TYPES.map((t) => `'${t}'`).join(" | ");
    issues.push({ path: "aggregation.type", message: `Invalid enum value. Expected ${expected}, received '${String(type)}'`, code: "invalid_enum_value" });
  }
};

const checkPlugins = (plugins: Row, issues: Issue[]) => {
  for (const [name, instance] of Object.entries(plugins)) {
    const path = `initialize.plugins.${name}`;
    if (!required(path, instance, issues)) continue;
    const row = instance as Row;
    for (const key of ["path", "method"]) {
      if (row[key] === undefined) issues.push({ path: `${path}.${key}`, message: "Required", code: "invalid_type" });
      else if (typeof row[key] !== "string") issues.push({ path: `${path}.${key}`, message: `Expected string, received ${typeof row[key]}`, code: "invalid_type" });
    }
  }
};

/** IF's `manifestSchema`, reported as ManifestValidationError in IF's wording. */
export const validateManifest = (value: unknown): Manifest => {
  const issues: Issue[] = [];
  if (!isObject(value)) throw new ManifestValidationError("The manifest must be a YAML mapping.");
  checkString(value, "name", issues);
  if (value.explainer !== undefined) checkBoolean(value, "explainer", issues);
  checkAggregation(value.aggregation, issues);
  if (required("initialize", value.initialize, issues)) {
    const plugins = (value.initialize as Row).plugins;
    if (required("initialize.plugins", plugins, issues)) checkPlugins(plugins as Row, issues);
  }
  required("tree", value.tree, issues);
  throwIfIssues(issues, undefined, ManifestValidationError);
  return value as Manifest;
};
