import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { aggregateNode, type ImpactNode } from "./aggregate";
import { Interpolation } from "./plugins/interpolation";
import { SciEmbodied } from "./plugins/sci-embodied";
import { buildRegistry } from "./registry";
import { runPlugin } from "./testing/run-plugin";
import { TimeSync } from "./time-sync";
import type { ImpactPlugin, Row } from "./types";

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const teadsFactor = (method: string, utilization: number): number =>
  runPlugin(
    Interpolation,
    { method, x: [0, 10, 50, 100], y: [0.12, 0.32, 0.75, 1.02], "input-parameter": "u", "output-parameter": "f" },
    [{ timestamp: "2024-01-01T00:00:00Z", duration: 60, u: utilization }],
  ).outputs[0].f as number;

const utilization = fc.double({ min: 0, max: 100, noNaN: true });

describe("properties", () => {
  test.each(["linear", "spline"])("the %s Teads curve never decreases with utilisation", (method) => {
    fc.assert(
      fc.property(utilization, utilization, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(teadsFactor(method, low)).toBeLessThanOrEqual(teadsFactor(method, high) + 1e-12);
      }),
    );
  });

  test("linear interpolation stays between the neighbouring knots' y values", () => {
    fc.assert(
      fc.property(utilization, (u) => {
        const f = teadsFactor("linear", u);
        expect(f).toBeGreaterThanOrEqual(0.12);
        expect(f).toBeLessThanOrEqual(1.02);
      }),
    );
  });

  const embodied = (fields: Row): number =>
    runPlugin(SciEmbodied, undefined, [{ timestamp: "2024-01-01T00:00:00Z", ...fields }]).outputs[0]["embodied-carbon"] as number;

  test("SciEmbodied is linear in duration", () => {
    const server = fc.record({
      vCPUs: fc.integer({ min: 1, max: 128 }),
      memory: fc.integer({ min: 1, max: 1024 }),
      gpu: fc.integer({ min: 0, max: 8 }),
    });
    const seconds = fc.integer({ min: 1, max: 10_000_000 });
    fc.assert(
      fc.property(server, seconds, seconds, (s, d1, d2) => {
        expect(close(embodied({ ...s, duration: d1 + d2 }), embodied({ ...s, duration: d1 }) + embodied({ ...s, duration: d2 }))).toBe(true);
      }),
    );
  });

  const sumRegistry = buildRegistry(
    [{ metadata: { inputs: { carbon: { "aggregation-method": { time: "sum", component: "sum" } } }, outputs: {} }, execute: (r) => r } as ImpactPlugin],
    () => undefined,
  );

  test("aggregation is additive: the root's carbon is the sum of every leaf row", () => {
    const leafRows = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(leafRows, { minLength: 1, maxLength: 5 }), (leaves) => {
        const rows = Math.min(...leaves.map((l) => l.length));
        const children: Record<string, ImpactNode> = {};
        leaves.forEach((carbons, i) => {
          children[`c${i}`] = {
            outputs: carbons.slice(0, rows).map((carbon, t) => ({ timestamp: `t${t}`, duration: 60, carbon })),
          };
        });
        const tree: ImpactNode = { children: { group: { children } } };
        aggregateNode(tree, ["carbon"], "both", sumRegistry);
        const total = leaves.reduce((acc, l) => acc + l.slice(0, rows).reduce((a, b) => a + b, 0), 0);
        const leafTotal = Object.values(children).reduce((acc, c) => acc + (c.aggregated?.carbon as number), 0);
        expect(close(tree.aggregated?.carbon as number, total)).toBe(true);
        expect(close(leafTotal, total)).toBe(true);
      }),
    );
  });

  const contiguousInputs = fc.array(
    fc.record({ duration: fc.integer({ min: 1, max: 20 }), energy: fc.double({ min: 0, max: 100, noNaN: true }), u: fc.integer({ min: 0, max: 100 }) }),
    { minLength: 1, maxLength: 8 },
  );

  const syncAll = (parts: { duration: number; energy: number; u: number }[], reproduceIfBugs = false) => {
    const start = Date.UTC(2024, 0, 1);
    let at = start;
    const inputs = parts.map((p) => {
      const row = { timestamp: new Date(at).toISOString(), duration: p.duration, energy: p.energy, u: p.u };
      at += p.duration * 1000;
      return row;
    });
    const total = (at - start) / 1000;
    const config = {
      "start-time": new Date(start).toISOString(),
      "end-time": new Date(at).toISOString(),
      "allow-padding": true,
      "upsampling-resolution": 1,
    };
    const metadata = {
      inputs: {
        energy: { "aggregation-method": { time: "sum", component: "sum" } },
        u: { "aggregation-method": { time: "avg", component: "avg" } },
      },
    } as const;
    const outputs = runPlugin(TimeSync, { ...config, interval: total }, inputs, { metadata, reproduceIfBugs }).outputs;
    return { inputs, outputs, total };
  };

  test("TimeSync conserves sum metrics and time-weights averages", () => {
    fc.assert(
      fc.property(contiguousInputs, (parts) => {
        const { inputs, outputs, total } = syncAll(parts);
        // One window spanning every input.
        expect(outputs).toHaveLength(1);
        const energy = outputs.reduce((acc, o) => acc + (o.energy as number), 0);
        expect(close(energy, inputs.reduce((acc, i) => acc + i.energy, 0))).toBe(true);
        const weighted = inputs.reduce((acc, i) => acc + i.u * i.duration, 0) / total;
        expect(close(outputs[0].u as number, weighted)).toBe(true);
      }),
    );
  });
});
