import { MissingAggregationParamError } from "./errors";
import type { AggregationRegistry } from "./registry";
import type { Row } from "./types";

export type AggregationType = "horizontal" | "time" | "vertical" | "component" | "both";

export const AGGREGATION_TYPES: AggregationType[] = ["horizontal", "time", "vertical", "component", "both"];

export interface ImpactNode {
  pipeline?: unknown;
  defaults?: Row;
  inputs?: Row[];
  outputs?: Row[];
  aggregated?: Row;
  children?: Record<string, ImpactNode>;
  [key: string]: unknown;
}

const TIME_FIELDS = ["timestamp", "duration"];

/**
 * Folds rows into one: per metric `sum`, `avg` (sum / n), `copy` (the last value) or
 * `none` (omitted), on the `time` or the `component` axis. Vertical (component) folds also
 * carry the last row's timestamp and duration. Every row needs every metric and both
 * time fields (IF's MissingAggregationParamError).
 *
 * IF stops processing a row's remaining metrics after a `copy`/`none` metric (an early
 * `return` inside its loop); we aggregate every listed metric.
 */
export const aggregateRows = (
  rows: Row[],
  listed: string[],
  axis: "time" | "component",
  registry: AggregationRegistry,
): Row => {
  const result: Row = {};
  // timestamp and duration are never aggregated as metrics, even when listed (as IF).
  const metrics = listed.filter((metric) => !TIME_FIELDS.includes(metric));
  rows.forEach((row, index) => {
    for (const metric of [...metrics, ...TIME_FIELDS]) {
      if (!(metric in row)) {
        throw new MissingAggregationParamError(`Aggregation metric ${metric} is not found in inputs[${index}].`, index);
      }
    }
  });
  for (const metric of metrics) {
    const method = registry.methodsFor(metric)[axis];
    if (method === "none" || rows.length === 0) continue;
    if (method === "copy") {
      result[metric] = rows[rows.length - 1][metric];
      continue;
    }
    // IF adds with parseFloat, so numeric strings count.
    const total = rows.reduce((acc, row) => acc + parseFloat(String(row[metric])), 0);
    result[metric] = method === "avg" ? total / rows.length : total;
  }
  if (axis === "component" && rows.length > 0) {
    for (const field of TIME_FIELDS) result[field] = rows[rows.length - 1][field];
  }
  return result;
};

/** Row i of a grouping node folds row i of every child; the first child sets the count. */
const aggregateChildren = (node: ImpactNode, metrics: string[], registry: AggregationRegistry): Row[] => {
  const children = Object.values(node.children ?? {});
  const count = children[0]?.outputs?.length ?? 0;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const slice = children.map((child) => child.outputs?.[i] ?? {});
    rows.push(aggregateRows(slice, metrics, "component", registry));
  }
  return rows;
};

/** Bottom-up, depth-first, as IF: leaves fold over time, grouping nodes over children then time. */
export const aggregateNode = (
  node: ImpactNode,
  metrics: string[],
  type: AggregationType,
  registry: AggregationRegistry,
): void => {
  const horizontal = type === "horizontal" || type === "time" || type === "both";
  const vertical = type === "vertical" || type === "component" || type === "both";
  if (!node.children) {
    if (horizontal && node.outputs) node.aggregated = aggregateRows(node.outputs, metrics, "time", registry);
    return;
  }
  for (const child of Object.values(node.children)) aggregateNode(child, metrics, type, registry);
  if (!vertical) return;
  node.outputs = aggregateChildren(node, metrics, registry);
  node.aggregated = aggregateRows(node.outputs, metrics, "time", registry);
};
