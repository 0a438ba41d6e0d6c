import { describe, expect, test } from "vitest";
import type { ImpactNode } from "./aggregate";
import type { Manifest } from "./manifest";
import { runManifest, runManifestSafely } from "./runner";
import { failureOf } from "./testing/run-plugin";
import type { Row } from "./types";

const plugins = {
  double: { path: "builtin", method: "Coefficient", config: { coefficient: 2, "input-parameter": "x", "output-parameter": "y" } },
  add: { path: "builtin", method: "Sum", config: { "input-parameters": ["x", "k"], "output-parameter": "z" } },
};

const manifest = (tree: ImpactNode, extra: Partial<Manifest> = {}): Manifest => ({
  name: "test",
  initialize: { plugins },
  tree,
  ...extra,
});

const input = (fields: Row): Row => ({ timestamp: "2024-01-01T00:00:00Z", duration: 60, ...fields });

const leaf = (path: string[], tree: ImpactNode): ImpactNode =>
  path.reduce<ImpactNode>((node, name) => node.children![name], tree);

describe("runManifest", () => {
  test("pipeline and defaults come from the nearest ancestor; own defaults replace, not merge", () => {
    const result = runManifest(
      manifest({
        pipeline: { compute: ["add"] },
        defaults: { k: 1, x: 5 },
        children: {
          inherits: { inputs: [input({ x: 1 })] },
          own: { defaults: { k: 10 }, inputs: [input({ x: 1 })] },
          group: { pipeline: { compute: ["double"] }, children: { deep: { inputs: [input({ x: 3 })] } } },
        },
      }),
    );
    expect(leaf(["inherits"], result.tree).outputs?.[0]).toMatchObject({ x: 1, k: 1, z: 2 });
    expect(leaf(["own"], result.tree).outputs?.[0]).toMatchObject({ k: 10, z: 11 });
    expect(leaf(["group", "deep"], result.tree).outputs?.[0]).toMatchObject({ x: 3, k: 1, y: 6 });
  });

  test("defaults fill missing and null values only; inputs are written back unchanged", () => {
    const inputs = [input({ x: 2, k: null }), input({ x: 2, k: 4 })];
    const result = runManifest(manifest({ children: { a: { pipeline: { compute: ["add"] }, defaults: { k: 1 }, inputs } } }));
    const node = leaf(["a"], result.tree);
    expect(node.outputs?.map((o) => o.z)).toEqual([3, 6]);
    expect(node.inputs).toEqual(inputs);
  });

  test("empty inputs give empty outputs (the defaults are not turned into a row)", () => {
    const result = runManifest(
      manifest(
        { children: { a: { pipeline: { compute: ["copy"] }, defaults: { k: 1 }, inputs: [] } } },
        { initialize: { plugins: { copy: { path: "builtin", method: "Copy", config: { "keep-existing": true, from: "x", to: "y" } } } } },
      ),
    );
    expect(leaf(["a"], result.tree).outputs).toEqual([]);
  });

  test("IF's `Copy` method name runs CopyParam", () => {
    const result = runManifest(
      manifest(
        { children: { a: { pipeline: { compute: ["copy"] }, inputs: [input({ x: 1 })] } } },
        { initialize: { plugins: { copy: { path: "builtin", method: "Copy", config: { "keep-existing": false, from: "x", to: "y" } } } } },
      ),
    );
    expect(leaf(["a"], result.tree).outputs?.[0]).toEqual({ timestamp: "2024-01-01T00:00:00Z", duration: 60, y: 1 });
  });

  test("the argument is not mutated", () => {
    const source = manifest({ children: { a: { pipeline: { compute: ["double"] }, inputs: [input({ x: 1 })] } } });
    const copy = structuredClone(source);
    runManifest(source);
    expect(source).toEqual(copy);
  });

  test("regroup nests the rows by value, then computes each group", () => {
    const result = runManifest(
      manifest({
        children: {
          fleet: {
            pipeline: { regroup: ["region", "type"], compute: ["double"] },
            inputs: [input({ region: "uk", type: "a", x: 1 }), input({ region: "uk", type: "b", x: 2 }), input({ region: "fr", type: "a", x: 3 })],
          },
        },
      }),
    );
    const fleet = leaf(["fleet"], result.tree);
    expect(fleet).not.toHaveProperty("inputs");
    expect(Object.keys(fleet.children ?? {})).toEqual(["uk", "fr"]);
    expect(leaf(["fleet", "uk", "b"], result.tree).outputs?.[0].y).toBe(4);
    expect(leaf(["fleet", "fr", "a"], result.tree).outputs?.[0].y).toBe(6);
  });

  test("observe plugins rewrite the inputs before compute", () => {
    const result = runManifest(
      manifest({ children: { a: { pipeline: { observe: ["double"], compute: ["add"] }, defaults: { k: 0 }, inputs: [input({ x: 1 })] } } }),
    );
    const node = leaf(["a"], result.tree);
    expect(node.inputs?.[0].y).toBe(2);
    expect(node.outputs?.[0]).toMatchObject({ y: 2, z: 1 });
  });

  test("an old-style list pipeline computes nothing and warns, as IF", () => {
    const warnings: string[] = [];
    const result = runManifest(manifest({ children: { a: { pipeline: ["double"], inputs: [input({ x: 1 })] } } }), {
      warn: (m) => warnings.push(m),
    });
    expect(leaf(["a"], result.tree)).not.toHaveProperty("outputs");
    expect(warnings[0]).toMatch(/^You're using an old style manifest/);
  });

  test("explainer writes each executed plugin's metadata", () => {
    const result = runManifest(
      manifest(
        { children: { a: { pipeline: { compute: ["sci"] }, inputs: [input({ carbon: 1, users: 2 })] } } },
        { explainer: true, initialize: { plugins: { sci: { path: "builtin", method: "Sci", config: { "functional-unit": "users" } } } } },
      ),
    );
    expect(Object.keys(result.explain ?? {})).toEqual(["sci"]);
    expect(result.explain?.sci.outputs?.sci["aggregation-method"]).toEqual({ time: "avg", component: "sum" });
    expect(Object.keys(result)).toEqual(["name", "explainer", "initialize", "explain", "tree"]);
  });
});

describe("runManifest errors", () => {
  const computeWith = (names: string[], inputs: Row[] = [input({ x: 1, k: 1 })], extra: Partial<Manifest> = {}) =>
    manifest({ children: { a: { pipeline: { compute: names }, inputs } } }, extra);

  test.each<[string, unknown, string]>([
    ["a missing initialize", { name: "m", tree: {} }, 'ManifestValidationError: "initialize" parameter is required. Error code: invalid_type.'],
    [
      "a plugin without method",
      { name: "m", initialize: { plugins: { p: { path: "builtin" } } }, tree: {} },
      'ManifestValidationError: "initialize.plugins.p.method" parameter is required. Error code: invalid_type.',
    ],
    [
      "a bad aggregation type",
      { ...computeWith([]), aggregation: { metrics: ["carbon"], type: "diagonal" } },
      "ManifestValidationError: \"aggregation.type\" parameter is invalid enum value. expected 'horizontal' | 'time' | 'vertical' | 'component' | 'both', received 'diagonal'. Error code: invalid_enum_value.",
    ],
    [
      "a plugin that is not initialized",
      computeWith(["nope"]),
      "PluginInitializationError: Not initalized plugin: nope. Check if nope is in 'manifest.initalize.plugins'. (node tree.children.a)",
    ],
    [
      "an unknown builtin",
      computeWith([], [], { initialize: { plugins: { p: { path: "builtin", method: "Teleport" } } } }),
      "PluginInitializationError: Plugin 'p': method 'Teleport' is not an IF builtin.",
    ],
    [
      "an IF builtin we do not implement",
      computeWith([], [], { initialize: { plugins: { lookup: { path: "builtin", method: "CSVLookup" } } } }),
      "PluginInitializationError: Plugin 'lookup': method 'CSVLookup' is not supported yet.",
    ],
    [
      "an npm plugin",
      computeWith([], [], { initialize: { plugins: { p: { path: "@grnsft/if-plugins", method: "Foo" } } } }),
      "PluginInitializationError: Plugin 'p' has path '@grnsft/if-plugins': only 'builtin' plugins can run here (no npm or GitHub plugins).",
    ],
    [
      "a plugin failure, located by node, plugin and input",
      computeWith(["add"], [input({ x: 1, k: 1 }), input({ x: 1 })]),
      'InputValidationError: "k" parameter is required. Error code: invalid_type. (node tree.children.a, plugin add, input 1)',
    ],
    [
      "a group key missing from a row",
      manifest({ children: { a: { pipeline: { regroup: ["region"] }, inputs: [input({})] } } }),
      "InvalidGroupingError: Invalid group region.",
    ],
    [
      "two plugins describing one parameter with different units",
      computeWith(["double"], undefined, {
        explainer: true,
        initialize: {
          plugins: {
            double: { ...plugins.double, "parameter-metadata": { inputs: { x: { unit: "W" } } } },
            again: { ...plugins.double, "parameter-metadata": { inputs: { x: { unit: "kW" } } } },
          },
        },
        tree: { children: { a: { pipeline: { compute: ["double", "again"] }, inputs: [input({ x: 1 })] } } },
      }),
      "ManifestValidationError: Your manifest uses two instances of `x` with different units. Please check that you are using consistent units for `x` throughout your manifest.",
    ],
  ])("%s", (_name, source, expected) => {
    expect(failureOf(() => runManifest(source))).toBe(expected);
  });

  test("runManifestSafely reports the failure as `Class: message` and keeps the input", () => {
    const source = computeWith(["nope"]);
    const result = runManifestSafely(source);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^PluginInitializationError: Not initalized plugin: nope/);
      expect(result.manifest).toBe(source);
    }
  });
});
