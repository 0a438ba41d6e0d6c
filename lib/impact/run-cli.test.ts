import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { parseCliArgs } from "./cli-args";
import { runCli, type CliIo } from "./run-cli";
import { failureOf } from "./testing/run-plugin";

const MANIFEST = `
name: cli
initialize:
  plugins:
    double:
      path: builtin
      method: Coefficient
      config: {coefficient: 2, input-parameter: x, output-parameter: y}
tree:
  children:
    a:
      pipeline: {compute: [double]}
      inputs:
        - {timestamp: '2024-01-01T00:00:00Z', duration: 60, x: 2}
`;

const memoryIo = (files: Record<string, string>) => {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    readFile: (path) => {
      if (!(path in files)) throw new Error("ENOENT: no such file");
      return files[path];
    },
    writeFile: (path, text) => {
      files[path] = text;
    },
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    environment: () => ({
      "if-version": "test",
      os: "os",
      "os-version": "1",
      "node-version": "20",
      "date-time": "now",
      dependencies: [],
    }),
  };
  return { io, out, files };
};

describe("runCli", () => {
  test("computes the manifest and writes it with a success execution block", () => {
    const { io, files } = memoryIo({ "in.yml": MANIFEST });
    expect(runCli(["--manifest", "in.yml", "--output", "out.yml"], io)).toBe(0);
    const written = parse(files["out.yml"]);
    expect(written.execution).toMatchObject({ command: "impact --manifest in.yml --output out.yml", status: "success" });
    expect(written.tree.children.a.outputs[0].y).toBe(4);
    expect(Object.keys(written)).toEqual(["name", "initialize", "execution", "tree"]);
  });

  test("unquoted timestamps are read as dates and written as ISO, as IF's js-yaml does", () => {
    const { io, out } = memoryIo({ "in.yml": MANIFEST.replace("'2024-01-01T00:00:00Z'", "2024-01-01 00:00:00") });
    expect(runCli(["-m", "in.yml"], io)).toBe(0);
    expect(out.stdout).toContain("timestamp: 2024-01-01T00:00:00.000Z");
  });

  test("prints to stdout without --output", () => {
    const { io, out } = memoryIo({ "in.yml": MANIFEST });
    expect(runCli(["-m", "in.yml"], io)).toBe(0);
    expect(parse(out.stdout).execution.status).toBe("success");
  });

  test("a failing manifest exits 1, names the error class, and still writes a fail status", () => {
    const { io, out, files } = memoryIo({ "in.yml": MANIFEST.replace("x: 2}", "z: 2}") });
    expect(runCli(["--manifest", "in.yml", "--output", "out.yml"], io)).toBe(1);
    const error =
      'InputValidationError: "input-parameter" parameter is required. Error code: invalid_type. (node tree.children.a, plugin double, input 0)';
    expect(out.stderr).toContain(error);
    const written = parse(files["out.yml"]);
    expect(written.execution).toMatchObject({ status: "fail", error });
    expect(written.tree.children.a).not.toHaveProperty("outputs");
  });

  test.each([
    ["a missing file", ["--manifest", "nope.yml"], "ReadFileError: Cannot read the manifest nope.yml: ENOENT: no such file"],
    ["invalid YAML", ["--manifest", "bad.yml"], "ReadFileError: bad.yml is not valid YAML"],
    ["no --manifest", [], "MissingCliFlagsError: `--manifest` is required."],
    ["an unknown flag", ["--manifest", "in.yml", "--fast"], "ParseCliParamsError: Unknown argument `--fast`."],
  ])("%s is reported and exits non-zero", (_name, argv, message) => {
    const { io, out } = memoryIo({ "in.yml": MANIFEST, "bad.yml": "name: [unclosed" });
    expect(runCli(argv, io)).toBeGreaterThan(0);
    expect(out.stderr).toContain(message);
  });
});

describe("parseCliArgs", () => {
  test.each([
    [["--manifest", "a.yml", "--output", "b.yml"], { manifest: "a.yml", output: "b.yml", help: false }],
    [["-m", "a.yml", "-o", "b.yml"], { manifest: "a.yml", output: "b.yml", help: false }],
    [["--manifest=a.yml"], { manifest: "a.yml", output: undefined, help: false }],
    [["--help"], { manifest: "", help: true }],
  ])("%j", (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  test("a flag without a value is an error", () => {
    expect(failureOf(() => parseCliArgs(["--manifest"]))).toMatch(/^ParseCliParamsError: `--manifest` needs a file path/);
  });
});
