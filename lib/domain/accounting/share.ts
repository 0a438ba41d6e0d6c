// The run's share of the machine: the vCPUs GridShift may use, split between concurrent runs.
import type { HardwareProfile } from "./types";

export function allocatedVcpus(server: HardwareProfile): number {
  const perRun = server.vcpusAvailable / Math.max(1, server.maxConcurrentTasks);
  return Math.min(server.vcpusTotal, Math.max(perRun, Number.EPSILON));
}

export const machineShare = (server: HardwareProfile): number => allocatedVcpus(server) / server.vcpusTotal;
