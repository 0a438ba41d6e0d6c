// An Impact Framework manifest for one run: the same segments as accountRun, evaluated by
// IF builtins only, so anyone can recompute a figure with `if-run` (or lib/impact).
import type { Manifest, PluginInstance, Row } from "@/lib/impact";
import { TEADS_CURVE, withDefaults, type Coefficients } from "./coefficients";
import { sciEmbodiedConfig, sciEmbodiedInputs } from "./embodied";
import { intensityAt } from "./operational";
import { buildSegments, periodStartOf, shiftSegments } from "./segments";
import { allocatedVcpus } from "./share";
import type { AccountingInput, Segment } from "./types";

const SUM = { time: "sum", component: "sum" } as const;
const summed = (name: string, unit: string, description: string) => ({ outputs: { [name]: { description, unit, "aggregation-method": SUM } } });

const builtin = (method: string, config: Row, metadata?: PluginInstance["parameter-metadata"]): PluginInstance => ({
  path: "builtin",
  method,
  config,
  ...(metadata ? { "parameter-metadata": metadata } : {}),
});

export const FUNCTIONAL_UNIT_PARAMETER = "functional-units";

function plugins(input: AccountingInput, c: Coefficients): Record<string, PluginInstance> {
  const energy = (name: string, what: string) => summed(name, "kWh", what);
  return {
    "teads-curve": builtin("Interpolation", { method: "linear", x: [...TEADS_CURVE.x], y: [...TEADS_CURVE.y], "input-parameter": "cpu/utilization", "output-parameter": "cpu-factor" }),
    "cpu-factor-to-wattage": builtin("Multiply", { "input-parameters": ["cpu-factor", "cpu/thermal-design-power"], "output-parameter": "cpu-wattage" }),
    "cpu-wattage-times-duration": builtin("Multiply", { "input-parameters": ["cpu-wattage", "duration"], "output-parameter": "cpu-wattage-times-duration" }),
    "cpu-wattage-to-kwh": builtin("Divide", { numerator: "cpu-wattage-times-duration", denominator: 3_600_000, output: "cpu-energy-raw" }),
    "vcpu-ratio": builtin("Divide", { numerator: "vcpus-total", denominator: "vcpus-allocated", output: "vcpu-ratio" }),
    "cpu-energy-for-vcpu-share": builtin("Divide", { numerator: "cpu-energy-raw", denominator: "vcpu-ratio", output: "cpu/energy-modelled" }),
    "measured-power-times-duration": builtin("Multiply", { "input-parameters": ["cpu/measured-power", "duration"], "output-parameter": "cpu-measured-ws" }),
    "measured-to-kwh": builtin("Divide", { numerator: "cpu-measured-ws", denominator: 3_600_000, output: "cpu/energy-measured" }),
    "cpu-energy": builtin("Sum", { "input-parameters": ["cpu/energy-modelled", "cpu/energy-measured"], "output-parameter": "cpu/energy" }, energy("cpu/energy", "CPU energy: Teads curve, or RAPL where measured")),
    "gpu-power-times-duration": builtin("Multiply", { "input-parameters": ["gpu/power", "duration"], "output-parameter": "gpu-ws" }),
    "gpu-energy": builtin("Divide", { numerator: "gpu-ws", denominator: 3_600_000, output: "gpu/energy" }, energy("gpu/energy", "GPU energy from nvidia-smi power")),
    "memory-gb-seconds": builtin("Multiply", { "input-parameters": ["memory/used-gb", "duration"], "output-parameter": "memory-gb-seconds" }),
    "memory-gb-hours": builtin("Divide", { numerator: "memory-gb-seconds", denominator: 3600, output: "memory-gb-hours" }),
    "memory-energy": builtin("Coefficient", { coefficient: c.memoryKwhPerGbHour, "input-parameter": "memory-gb-hours", "output-parameter": "memory/energy" }, energy("memory/energy", "CCF memory coefficient, kWh per GB-hour")),
    "network-energy": builtin("Coefficient", { coefficient: c.networkKwhPerGb, "input-parameter": "network/data-gb", "output-parameter": "network/energy" }, energy("network/energy", "CCF networking coefficient, kWh per GB")),
    "sum-energy": builtin("Sum", { "input-parameters": ["cpu/energy", "gpu/energy", "memory/energy", "network/energy"], "output-parameter": "energy" }, energy("energy", "total energy")),
    "operational-carbon": builtin("Multiply", { "input-parameters": ["energy", "grid/carbon-intensity"], "output-parameter": "carbon-operational" }, summed("carbon-operational", "gCO2e", "energy × grid intensity of the period")),
    "embodied-carbon": builtin("SciEmbodied", { ...sciEmbodiedConfig(input.server) }),
    "sum-carbon": builtin("Sum", { "input-parameters": ["carbon-operational", "embodied-carbon"], "output-parameter": "carbon" }, summed("carbon", "gCO2e", "operational + embodied")),
    // Each row carries the run's whole count, so the time-sum of per-row SCI is carbon / count.
    sci: builtin("Sci", { "functional-unit": FUNCTIONAL_UNIT_PARAMETER }, summed("sci", "gCO2e", "carbon per functional unit of the run (summed over rows)")),
  };
}

const PIPELINE = [
  "teads-curve", "cpu-factor-to-wattage", "cpu-wattage-times-duration", "cpu-wattage-to-kwh", "vcpu-ratio", "cpu-energy-for-vcpu-share",
  "measured-power-times-duration", "measured-to-kwh", "cpu-energy", "gpu-power-times-duration", "gpu-energy",
  "memory-gb-seconds", "memory-gb-hours", "memory-energy", "network-energy", "sum-energy", "operational-carbon",
  "embodied-carbon", "sum-carbon", "sci",
];

const rowsOf = (segments: Segment[], readings: AccountingInput["readings"], c: Coefficients): Row[] =>
  segments.map((s) => {
    const intensity = intensityAt(readings, periodStartOf(s.start), c);
    return {
      timestamp: s.start.toISOString(),
      duration: s.durationS,
      "cpu/utilization": s.cpuUtilisation,
      "cpu/measured-power": s.measuredCpuWatts,
      "gpu/power": s.gpuWatts,
      "memory/used-gb": s.memoryGb,
      "network/data-gb": s.networkGb,
      "grid/carbon-intensity": intensity.gCO2PerKWh,
      "grid/intensity-basis": intensity.basis,
    };
  });

export type RunManifestMeta = { runId: string; taskName: string; serverName: string; zone: string };

export function buildRunManifest(input: AccountingInput, meta: RunManifestMeta): Manifest {
  const c = withDefaults(input.coefficients);
  const segments = buildSegments(input, c);
  const { server } = input;
  const defaults: Row = {
    "cpu/thermal-design-power": server.cpuTdpWatts,
    "vcpus-total": server.vcpusTotal,
    "vcpus-allocated": allocatedVcpus(server),
    ...sciEmbodiedInputs(server),
    [FUNCTIONAL_UNIT_PARAMETER]: input.functionalUnit.count > 0 ? input.functionalUnit.count : 1,
  };
  const node = (inputs: Row[]) => ({ pipeline: { compute: PIPELINE }, defaults, inputs });
  return {
    name: `gridshift run ${meta.runId}`,
    description:
      `Task "${meta.taskName}" on server "${meta.serverName}" (grid zone ${meta.zone}); functional unit: ${input.functionalUnit.count} ${input.functionalUnit.name}. ` +
      "Child 'run' is what happened; child 'counterfactual' is the same profile started when the task was queued. Saving = counterfactual carbon − run carbon.",
    tags: { kind: "gridshift-run", complexity: null, category: "carbon-accounting" },
    aggregation: { metrics: ["cpu/energy", "gpu/energy", "memory/energy", "network/energy", "energy", "carbon-operational", "embodied-carbon", "carbon", "sci"], type: "horizontal" },
    initialize: { plugins: plugins(input, c) },
    tree: {
      children: {
        run: node(rowsOf(segments, input.readings, c)),
        counterfactual: node(rowsOf(shiftSegments(segments, input.queuedAt), input.counterfactualReadings, c)),
      },
    },
  } as Manifest;
}
