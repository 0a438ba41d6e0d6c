import { definePlugin } from "../define-plugin";
import type { Row } from "../types";
import { checkNumber, checkString, throwIfIssues, type Issue } from "../validate";
import { SCI_EMBODIED_INPUTS, SCI_EMBODIED_OUTPUTS } from "./sci-embodied-metadata";

/** CCF's baseline server, IF's defaults. Emissions are gCO2e except memory (kg per GB). */
export const SCI_EMBODIED_DEFAULTS = {
  "baseline-vcpus": 1,
  "baseline-memory": 16,
  "baseline-emissions": 1_000_000,
  lifespan: 126_144_000,
  "vcpu-emissions-constant": 100_000,
  "memory-emissions-constant": 533 / 384,
  "ssd-emissions-constant": 50_000,
  "hdd-emissions-constant": 100_000,
  "gpu-emissions-constant": 150_000,
  "output-parameter": "embodied-carbon",
};

export type SciEmbodiedConfig = typeof SCI_EMBODIED_DEFAULTS;

const NUMERIC_KEYS = Object.keys(SCI_EMBODIED_DEFAULTS).filter((k) => k !== "output-parameter");

const validateConfig = (config: Row): SciEmbodiedConfig => {
  const merged = { ...SCI_EMBODIED_DEFAULTS, ...config } as Row;
  const issues: Issue[] = [];
  for (const key of NUMERIC_KEYS) checkNumber(merged, key, issues, key === "lifespan" ? { gt: 0 } : {});
  checkString(merged, "output-parameter", issues);
  throwIfIssues(issues);
  return merged as unknown as SciEmbodiedConfig;
};

/** Input defaults (zod `.default`) in IF's order; they are written back into the outputs. */
const INPUT_DEFAULTS: [string, number, { gt?: number; gte?: number }][] = [
  ["vCPUs", 1, { gt: 0 }],
  ["memory", 16, { gt: 0 }],
  ["ssd", 0, { gte: 0 }],
  ["hdd", 0, { gte: 0 }],
  ["gpu", 0, { gte: 0 }],
  ["usage-ratio", 1, { gt: 0 }],
];

const validateInput = (input: Row, _config: SciEmbodiedConfig, index: number): Row => {
  const issues: Issue[] = [];
  const safe: Row = {};
  checkNumber(input, "duration", issues, { gt: 0 });
  for (const [key, fallback, rule] of INPUT_DEFAULTS) {
    const value = input[key] === undefined ? fallback : input[key];
    checkNumber({ [key]: value }, key, issues, rule);
    safe[key] = value;
  }
  checkNumber(input, "time", issues, { gt: 0, optional: true });
  throwIfIssues(issues, index);
  return safe;
};

/**
 * IF `SciEmbodied` (1.x): the baseline server's embodied emissions adjusted per extra
 * vCPU, GB, disk and GPU, scaled by usage-ratio and by (time or duration) over lifespan.
 */
export const embodiedCarbon = (input: Row, c: SciEmbodiedConfig): number => {
  const n = (key: string) => input[key] as number;
  const cpu = (n("vCPUs") - c["baseline-vcpus"]) * c["vcpu-emissions-constant"];
  // The memory constant is per GB in kg, hence the ×1000 (as IF).
  const memory =
    (n("memory") - c["baseline-memory"]) * ((c["memory-emissions-constant"] * c["baseline-memory"]) / 16) * 1000;
  const disks = n("ssd") * c["ssd-emissions-constant"] + n("hdd") * c["hdd-emissions-constant"];
  const gpu = n("gpu") * c["gpu-emissions-constant"];
  const total = c["baseline-emissions"] + cpu + memory + disks + gpu;
  const time = (input.time as number | undefined) || n("duration");
  return (total * n("usage-ratio") * time) / c.lifespan;
};

export const SciEmbodied = definePlugin<SciEmbodiedConfig>({
  metadata: { inputs: SCI_EMBODIED_INPUTS, outputs: SCI_EMBODIED_OUTPUTS },
  arithmetic: [],
  validateConfig,
  validateInput,
  implementation: (inputs, config) =>
    inputs.map((input) => ({ ...input, [config["output-parameter"]]: embodiedCarbon(input, config) })),
});
