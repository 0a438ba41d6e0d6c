import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { GOLDEN_DEVIATIONS } from "./__fixtures__/golden/deviations";
import { runCli, type CliIo } from "./run-cli";
import { runManifest, type RunOptions } from "./runner";
import { compareTrees, numbersMatch, type TreeMismatch } from "./testing/compare-trees";

const dir = fileURLToPath(new URL("./__fixtures__/golden/", import.meta.url));
const names = readdirSync(dir)
  .filter((file) => file.endsWith(".yml") && !file.endsWith(".out.yml"))
  .map((file) => file.replace(/\.yml$/, ""));

const load = (file: string) => parse(readFileSync(`${dir}${file}`, "utf8"));

const run = (name: string, options: RunOptions = {}) => {
  const actual = runManifest(load(`${name}.yml`), options);
  const expected = load(`${name}.out.yml`);
  return {
    actual,
    mismatches: [
      ...compareTrees(actual.tree, expected.tree, "tree"),
      ...(expected.explain ? compareTrees(actual.explain, expected.explain, "explain") : []),
    ],
  };
};

/** Reads `a.b[3].c` (parameter names contain no dots). */
const valueAt = (root: unknown, path: string): unknown =>
  path
    .split(".")
    .flatMap((part) => part.split(/(?=\[)/))
    .reduce<unknown>((node, part) => {
      if (node === undefined || node === null) return undefined;
      const index = /^\[(\d+)\]$/.exec(part);
      return index ? (node as unknown[])[Number(index[1])] : (node as Record<string, unknown>)[part];
    }, root);

/** Whether a mismatch is one of the named deviations for this file. */
const isExpectedDeviation = (name: string, mismatch: TreeMismatch): boolean =>
  GOLDEN_DEVIATIONS.some(
    (deviation) =>
      deviation.files.includes(name) &&
      deviation.fields.some((field) => new RegExp(`\\.outputs\\[\\d+\\]\\.${field.replace("/", "\\/")}$`).test(mismatch.path)),
  );

describe("golden manifests from @grnsft/if 1.1.0", () => {
  test("the fixture set is complete", () => {
    expect(names).toHaveLength(16);
  });

  test.each(names)("%s matches IF exactly when IF's bugs are reproduced", (name) => {
    expect(run(name, { reproduceIfBugs: true }).mismatches).toEqual([]);
  });

  test.each(names)("%s differs from IF only in the named deviations", (name) => {
    const { mismatches } = run(name);
    expect(mismatches.filter((m) => !isExpectedDeviation(name, m))).toEqual([]);
    const deviates = GOLDEN_DEVIATIONS.some((d) => d.files.includes(name));
    expect(mismatches.length > 0).toBe(deviates);
    // Every deviation here restores a dropped, non-negative sample: ours is the larger value.
    for (const m of mismatches) expect(m.actual as number).toBeGreaterThan(m.expected as number);
  });

  test.each(names)("%s through the CLI (YAML in and out) gives the runner's tree", (name) => {
    const files: Record<string, string> = {};
    const io: CliIo = {
      readFile: (path) => readFileSync(path, "utf8"),
      writeFile: (path, text) => {
        files[path] = text;
      },
      stdout: () => undefined,
      stderr: () => undefined,
      environment: () => ({ "if-version": "t", os: "t", "os-version": "t", "node-version": "t", "date-time": "t", dependencies: [] }),
    };
    expect(runCli(["-m", `${dir}${name}.yml`, "-o", "out.yml"], io)).toBe(0);
    const written = parse(files["out.yml"]);
    expect(written.execution.status).toBe("success");
    expect(compareTrees(written.tree, runManifest(load(`${name}.yml`)).tree)).toEqual([]);
  });

  const examples = GOLDEN_DEVIATIONS.flatMap((d) => d.examples.map((e) => ({ ...e, id: d.id })));
  test.each(examples)("$id: $path in $file is $correct (IF $ifValue)", ({ file, path, ifValue, correct }) => {
    const expected = load(`${file}.out.yml`).tree;
    expect(valueAt(expected, path)).toBe(ifValue);
    const actual = runManifest(load(`${file}.yml`)).tree;
    expect(numbersMatch(valueAt(actual, path) as number, correct)).toBe(true);
  });

  test("the SCI tutorial's aggregated carbon and sci match the README", () => {
    const { actual } = run("sci-tutorial");
    expect(actual.tree.aggregated).toEqual({ carbon: 1060.7091579908674, sci: 0.0360424233794281 });
  });
});
