import { describe, expect, test } from "vitest";
import { numbersMatch } from "../testing/compare-trees";
import { failureOf, row, runPlugin } from "../testing/run-plugin";
import type { Row } from "../types";
import { SciEmbodied } from "./sci-embodied";

const embodied = (config: Row | undefined, fields: Row): number =>
  runPlugin(SciEmbodied, config, [row(fields)]).outputs[0]["embodied-carbon"] as number;

describe("SciEmbodied", () => {
  // IF-SEMANTICS §4 golden values from IF 1.1.0.
  test.each<[string, Row | undefined, Row, number]>([
    ["defaults, one hour", undefined, {}, 28.538812785388128],
    ["hdd 2", undefined, { hdd: 2 }, 34.24657534246575],
    [
      "scenario 2, every constant overridden",
      {
        "baseline-vcpus": 1,
        "baseline-memory": 16,
        "baseline-emissions": 2_000_000,
        lifespan: 157_680_000,
        "vcpu-emissions-constant": 100_000,
        "memory-emissions-constant": 1172,
        "ssd-emissions-constant": 50_000,
        "hdd-emissions-constant": 100_000,
        "gpu-emissions-constant": 150_000,
        "output-parameter": "embodied-carbon",
      },
      { vCPUs: 4, memory: 32, ssd: 1, hdd: 1, gpu: 1 },
      487.48858447488584,
    ],
    ["8 vCPU, 32 GB, gpu, ssd 2, hdd, usage 0.25", undefined, { vCPUs: 8, memory: 32, gpu: 1, ssd: 2, hdd: 1, "usage-ratio": 0.25 }, 14.784591419330289],
    ["the same with time 1800", undefined, { vCPUs: 8, memory: 32, gpu: 1, ssd: 2, hdd: 1, "usage-ratio": 0.25, time: 1800 }, 7.392295709665144],
    ["below the baseline is allowed", undefined, { vCPUs: 0.5, memory: 4 }, 26.6365225456621],
  ])("%s", (_name, config, fields, expected) => {
    expect(numbersMatch(embodied(config, fields), expected)).toBe(true);
  });

  test("the zod defaults are written into the output, as IF", () => {
    const [output] = runPlugin(SciEmbodied, undefined, [row({})]).outputs;
    expect(output).toMatchObject({ vCPUs: 1, memory: 16, ssd: 0, hdd: 0, gpu: 0, "usage-ratio": 1 });
    expect(output).not.toHaveProperty("time");
  });

  test("output-parameter renames the result", () => {
    const [output] = runPlugin(SciEmbodied, { "output-parameter": "embodied" }, [row({})]).outputs;
    expect(output.embodied).toBeCloseTo(28.538812785388128, 12);
  });

  test.each<[string, Row | undefined, Row, string]>([
    ["vCPUs 0", undefined, { vCPUs: 0 }, 'InputValidationError: "vCPUs" parameter is number must be greater than 0 at index 0. Error code: too_small.'],
    ["negative ssd", undefined, { ssd: -1 }, 'InputValidationError: "ssd" parameter is number must be greater than or equal to 0 at index 0. Error code: too_small.'],
    ["duration 0", undefined, { duration: 0 }, 'InputValidationError: "duration" parameter is number must be greater than 0 at index 0. Error code: too_small.'],
    ["lifespan 0", { lifespan: 0 }, {}, 'InputValidationError: "lifespan" parameter is number must be greater than 0. Error code: too_small.'],
    ["text memory", undefined, { memory: "lots" }, 'InputValidationError: "memory" parameter is expected number, received string at index 0. Error code: invalid_type.'],
  ])("rejects %s", (_name, config, fields, expected) => {
    expect(failureOf(() => embodied(config, fields))).toBe(expected);
  });
});
