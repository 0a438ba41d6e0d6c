// Defaults for a server's hardware profile when the user does not know it. They describe a
// modest 8-vCPU, 16 GB machine; embodied emissions follow the Impact Framework's SciEmbodied
// baseline (CCF/Teads): 1,000,000 g for 1 vCPU + 16 GB, plus 100,000 g per extra vCPU.
export const HARDWARE_DEFAULTS = {
  cpuTdpWatts: 65, // typical TDP of a desktop/small-server CPU package
  vcpusTotal: 8,
  vcpusAvailable: 8,
  memoryGb: 16,
  embodiedGco2e: 1_000_000 + 7 * 100_000,
  lifespanYears: 4, // SciEmbodied default lifespan (126,144,000 s)
  maxConcurrentTasks: 1,
} as const;
