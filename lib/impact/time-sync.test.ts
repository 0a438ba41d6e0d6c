import { describe, expect, test } from "vitest";
import { failureOf, runPlugin } from "./testing/run-plugin";
import { TimeSync } from "./time-sync";
import { INCOMPATIBLE_RESOLUTION_WITH_INTERVAL } from "./time-sync-timeline";
import type { ParameterMetadata, Row } from "./types";

const config = (overrides: Row = {}): Row => ({
  "start-time": "2023-12-12T00:00:00.000Z",
  "end-time": "2023-12-12T00:00:10.000Z",
  interval: 5,
  "allow-padding": true,
  ...overrides,
});

const at = (second: number): string => new Date(Date.UTC(2023, 11, 12, 0, 0, second)).toISOString();

const metadata: { inputs: ParameterMetadata } = {
  inputs: {
    energy: { "aggregation-method": { time: "sum", component: "sum" } },
    "cpu/utilization": { "aggregation-method": { time: "avg", component: "avg" } },
    region: { "aggregation-method": { time: "copy", component: "copy" } },
    label: { "aggregation-method": { time: "none", component: "none" } },
  },
};

const sync = (inputs: Row[], overrides: Row = {}, reproduceIfBugs = false) =>
  runPlugin(TimeSync, config(overrides), inputs, { metadata, reproduceIfBugs }).outputs;

describe("TimeSync", () => {
  test("the IF example: 5 s rows from 0 to 60 s, an unregistered metric copied", () => {
    const inputs = [
      { timestamp: at(0), duration: 1, "energy-cpu": 0.001 },
      { timestamp: at(1), duration: 5, "energy-cpu": 0.001 },
      { timestamp: at(6), duration: 7, "energy-cpu": 0.001 },
      { timestamp: at(13), duration: 30, "energy-cpu": 0.001 },
    ];
    const outputs = runPlugin(TimeSync, config({ "end-time": "2023-12-12T00:01:00.000Z" }), inputs).outputs;
    expect(outputs).toEqual(
      Array.from({ length: 12 }, (_, i) => ({ timestamp: at(i * 5), duration: 5, "energy-cpu": 0.001 })),
    );
  });

  test("sum metrics are spread per second and re-summed per window", () => {
    const outputs = sync([{ timestamp: at(0), duration: 10, energy: 10 }]);
    expect(outputs.map((o) => o.energy)).toEqual([5, 5]);
  });

  test("avg metrics average every sample of the window (IF drops the last one)", () => {
    const inputs = [
      { timestamp: at(0), duration: 1, "cpu/utilization": 10 },
      { timestamp: at(1), duration: 9, "cpu/utilization": 20 },
    ];
    expect(sync(inputs).map((o) => o["cpu/utilization"])).toEqual([18, 20]);
    expect(sync(inputs, {}, true).map((o) => o["cpu/utilization"])).toEqual([14, 16]);
  });

  test("copy keeps the last value, none becomes null, and gaps are filled", () => {
    const inputs = [
      { timestamp: at(0), duration: 2, energy: 2, region: "uk", label: "a" },
      { timestamp: at(6), duration: 4, energy: 4, region: "fr", label: "b" },
    ];
    const outputs = sync(inputs);
    expect(outputs).toEqual([
      { timestamp: at(0), duration: 5, energy: 2, region: "fr", label: null },
      { timestamp: at(5), duration: 5, energy: 4, region: "fr", label: null },
    ]);
  });

  test("padding fills the start and the end with zeroish rows", () => {
    // One input: IF's default resolution would be the whole interval, too coarse for a 3 s pad.
    const outputs = sync([{ timestamp: at(3), duration: 4, energy: 4 }], { "upsampling-resolution": 1 });
    expect(outputs.map((o) => o.energy)).toEqual([2, 2]);
    expect(outputs.map((o) => o.duration)).toEqual([5, 5]);
  });

  test("kept as IF: a gap of exactly one second is not filled, so later windows shift", () => {
    const inputs = [
      { timestamp: at(0), duration: 4, energy: 4 },
      { timestamp: at(5), duration: 5, energy: 5 },
    ];
    const outputs = sync(inputs, { "upsampling-resolution": 1 });
    expect(outputs.map((o) => [o.timestamp, o.duration, o.energy])).toEqual([
      [at(0), 5, 5],
      [at(6), 4, 4],
    ]);
  });

  test("kept as IF: one input makes the interval the resolution", () => {
    const outputs = sync([{ timestamp: at(0), duration: 10, energy: 10 }]);
    expect(outputs).toEqual([
      { timestamp: at(0), duration: 5, energy: 5 },
      { timestamp: at(5), duration: 5, energy: 5 },
    ]);
  });

  test("no inputs give no outputs", () => {
    expect(sync([])).toEqual([]);
  });

  test.each<[string, Row[], Row, string]>([
    [
      "a config without its keys",
      [],
      { "start-time": undefined, "end-time": undefined, interval: undefined, "allow-padding": undefined },
      'InputValidationError: "start-time" parameter is required. Error code: invalid_type.,"end-time" parameter is required. Error code: invalid_type.,"interval" parameter is required. Error code: invalid_type.,"allow-padding" parameter is required. Error code: invalid_type.',
    ],
    [
      "padding at the start when not allowed",
      [{ timestamp: at(2), duration: 8 }],
      { "allow-padding": false },
      "InvalidPaddingError: Avoiding padding at start",
    ],
    [
      "padding at both ends when not allowed",
      [{ timestamp: at(2), duration: 2 }],
      { "allow-padding": false },
      "InvalidPaddingError: Avoiding padding at start and end",
    ],
    [
      "overlapping inputs",
      [
        { timestamp: at(0), duration: 5 },
        { timestamp: at(3), duration: 5 },
      ],
      { "upsampling-resolution": 1 },
      "InvalidInputError: Observation timestamps overlap, please check inputs.",
    ],
    ["start after end", [], { "start-time": "2023-12-12T00:01:00.000Z" }, "InputValidationError: `start-time` should be lower than `end-time`"],
    ["a start that is not a datetime", [], { "start-time": "yesterday" }, 'InputValidationError: "start-time" parameter is invalid datetime. Error code: invalid_string.'],
    [
      "a resolution that does not divide the interval",
      [{ timestamp: at(0), duration: 10 }],
      { "upsampling-resolution": 2 },
      `ConfigError: ${INCOMPATIBLE_RESOLUTION_WITH_INTERVAL}`,
    ],
    [
      "an input timestamp that is not a datetime",
      [{ timestamp: "soon", duration: 10 }],
      {},
      'InputValidationError: "timestamp" parameter is invalid datetime at index 0. Error code: invalid_union.',
    ],
  ])("rejects %s", (_name, inputs, overrides, expected) => {
    expect(failureOf(() => sync(inputs, overrides))).toBe(expected);
  });

  test("an empty config is a ConfigError", () => {
    expect(failureOf(() => runPlugin(TimeSync, {}, []))).toBe("ConfigError: Config is not provided.");
  });
});
