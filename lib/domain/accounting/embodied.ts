// Embodied carbon: IF's SciEmbodied with the server's own profile as the baseline, so the
// total is the server's embodied gCO2e, apportioned by time over its lifespan and by share.
import { embodiedCarbon, SCI_EMBODIED_DEFAULTS, type Row } from "@/lib/impact";
import type { HardwareProfile } from "./types";
import { machineShare } from "./share";

const SECONDS_PER_YEAR = 365 * 86_400;

export function sciEmbodiedConfig(server: HardwareProfile) {
  return {
    ...SCI_EMBODIED_DEFAULTS,
    "baseline-vcpus": server.vcpusTotal,
    "baseline-memory": server.memoryGb,
    "baseline-emissions": server.embodiedGco2e,
    lifespan: server.lifespanYears * SECONDS_PER_YEAR,
  };
}

/** SciEmbodied inputs for a row: the whole machine, used for `durationS` at the run's share. */
export const sciEmbodiedInputs = (server: HardwareProfile): Row => ({
  vCPUs: server.vcpusTotal,
  memory: server.memoryGb,
  "usage-ratio": machineShare(server),
});

export const embodiedCarbonG = (server: HardwareProfile, durationS: number): number =>
  embodiedCarbon({ ...sciEmbodiedInputs(server), ssd: 0, hdd: 0, gpu: 0, duration: durationS }, sciEmbodiedConfig(server));
