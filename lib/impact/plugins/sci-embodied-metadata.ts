import type { ParameterMetadata } from "../types";

const copy = { time: "copy", component: "copy" } as const;

/** IF 1.1.0's SciEmbodied metadata, word for word (it appears in `explain`). */
export const SCI_EMBODIED_INPUTS: ParameterMetadata = {
  vCPUs: { description: "number of CPUs allocated to an application", unit: "CPUs", "aggregation-method": copy },
  memory: { description: "RAM available for a resource, in GB", unit: "GB", "aggregation-method": copy },
  ssd: { description: "number of SSDs available for a resource", unit: "SSDs", "aggregation-method": copy },
  hdd: { description: "number of HDDs available for a resource", unit: "HDDs", "aggregation-method": copy },
  gpu: { description: "number of GPUs available for a resource", unit: "GPUs", "aggregation-method": copy },
  "usage-ratio": {
    description:
      "a scaling factor that can be used to describe the ratio of actual resource usage comapred to real device usage, e.g. 0.25 if you are using 2 out of 8 vCPUs, 0.1 if you are responsible for 1 out of 10 GB of storage, etc",
    unit: "dimensionless",
    "aggregation-method": copy,
  },
  time: {
    description:
      "a time unit to scale the embodied carbon by, in seconds. If not provided,time defaults to the value of the timestep duration.",
    unit: "seconds",
    "aggregation-method": copy,
  },
};

export const SCI_EMBODIED_OUTPUTS: ParameterMetadata = {
  "embodied-carbon": {
    description: "embodied carbon for a resource, scaled by usage",
    unit: "gCO2eq",
    "aggregation-method": { time: "sum", component: "sum" },
  },
};
