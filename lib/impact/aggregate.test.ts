import { describe, expect, test } from "vitest";
import { aggregateNode, aggregateRows, type AggregationType, type ImpactNode } from "./aggregate";
import { buildRegistry } from "./registry";
import { failureOf } from "./testing/run-plugin";
import type { AggregationMethods, ImpactPlugin, ParameterMetadata } from "./types";

const methods = (entries: Record<string, AggregationMethods>): ParameterMetadata =>
  Object.fromEntries(Object.entries(entries).map(([name, m]) => [name, { "aggregation-method": m }]));

const plugin = (inputs: ParameterMetadata): ImpactPlugin => ({ metadata: { inputs, outputs: {} }, execute: (rows) => rows });

const warnings: string[] = [];
const registry = buildRegistry(
  [
    plugin(
      methods({
        carbon: { time: "sum", component: "sum" },
        sci: { time: "avg", component: "sum" },
        util: { time: "avg", component: "avg" },
        region: { time: "copy", component: "copy" },
        secret: { time: "none", component: "none" },
      }),
    ),
  ],
  (message) => warnings.push(message),
);

const rows = [
  { timestamp: "t0", duration: 60, carbon: 1, sci: 0.1, util: 10, region: "uk", secret: 1, other: "a" },
  { timestamp: "t1", duration: 60, carbon: 3, sci: 0.3, util: 30, region: "fr", secret: 2, other: "b" },
];

describe("aggregateRows", () => {
  test.each<[string, "time" | "component", Record<string, unknown>]>([
    ["time", "time", { carbon: 4, sci: 0.2, util: 20, region: "fr" }],
    ["component", "component", { carbon: 4, sci: 0.4, util: 20, region: "fr", timestamp: "t1", duration: 60 }],
  ])("%s axis: sum, avg, copy and none", (_name, axis, expected) => {
    const result = aggregateRows(rows, ["carbon", "sci", "util", "region", "secret"], axis, registry);
    expect(result.carbon).toBe(expected.carbon);
    expect(result.sci).toBeCloseTo(expected.sci as number, 12);
    expect(result).toMatchObject({ util: expected.util, region: expected.region });
    expect(result).not.toHaveProperty("secret");
    if (axis === "component") expect(result).toMatchObject({ timestamp: "t1", duration: 60 });
    else expect(result).not.toHaveProperty("timestamp");
  });

  test("an unregistered metric is copied, with IF's (misleading) warning", () => {
    expect(aggregateRows(rows, ["other"], "time", registry)).toEqual({ other: "b" });
    expect(warnings).toContain("Unknown parameter: other. Omitting from the output.");
  });

  test("numeric strings are added as numbers (parseFloat, as IF)", () => {
    const texts = rows.map((r) => ({ ...r, carbon: String(r.carbon) }));
    expect(aggregateRows(texts, ["carbon"], "time", registry)).toEqual({ carbon: 4 });
  });

  test.each([
    ["a metric", [{ timestamp: "t", duration: 1 }], "MissingAggregationParamError: Aggregation metric carbon is not found in inputs[0]."],
    ["the duration", [{ timestamp: "t", duration: 1, carbon: 1 }, { timestamp: "t", carbon: 1 }], "MissingAggregationParamError: Aggregation metric duration is not found in inputs[1]."],
  ])("a row missing %s is an error", (_name, input, expected) => {
    expect(failureOf(() => aggregateRows(input, ["carbon"], "time", registry))).toBe(expected);
  });
});

const tree = (): ImpactNode => ({
  children: {
    a: { outputs: [rows[0], rows[1]] },
    b: { outputs: [rows[1], rows[0]] },
  },
});

describe("aggregateNode", () => {
  test.each<[AggregationType, boolean, boolean]>([
    ["horizontal", true, false],
    ["time", true, false],
    ["vertical", false, true],
    ["component", false, true],
    ["both", true, true],
  ])("%s: leaves aggregated %s, grouping node %s", (type, leaves, grouping) => {
    const node = tree();
    aggregateNode(node, ["carbon", "sci"], type, registry);
    expect(node.children?.a.aggregated !== undefined).toBe(leaves);
    expect(node.aggregated !== undefined).toBe(grouping);
  });

  test("a grouping node sums components per row, then folds over time", () => {
    const node = tree();
    aggregateNode(node, ["carbon", "sci"], "both", registry);
    expect(node.outputs).toEqual([
      { carbon: 4, sci: 0.4, timestamp: "t1", duration: 60 },
      { carbon: 4, sci: 0.4, timestamp: "t0", duration: 60 },
    ]);
    // sci is the time-average of the per-row (summed) sci, not Σcarbon/Σunits.
    expect(node.aggregated).toEqual({ carbon: 8, sci: 0.4 });
  });
});
