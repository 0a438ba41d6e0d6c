// Builders for the accounting tests (domain, data and e2e).
import type { AccountingInput, HardwareProfile, Reading, Sample } from "./types";

export const SERVER: HardwareProfile = { cpuTdpWatts: 65, vcpusTotal: 8, vcpusAvailable: 8, maxConcurrentTasks: 1, memoryGb: 16, embodiedGco2e: 1_700_000, lifespanYears: 4 };

export const at = (iso: string) => new Date(iso);

export function sample(iso: string, cpuRunPercent: number | null, extra: Partial<Sample> = {}): Sample {
  return { at: at(iso), cpuRunPercent, cpuHostPercent: null, memoryRunMb: 1024, raplEnergyUj: null, raplPowerWatts: null, gpuPowerWatts: null, ...extra };
}

/** Half-hourly readings of one kind from `fromIso`, one value per period. */
export function readings(fromIso: string, values: number[], kind: Reading["kind"] = "actual"): Reading[] {
  const start = at(fromIso).getTime();
  return values.map((v, i) => ({ start: new Date(start + i * 1_800_000), end: new Date(start + (i + 1) * 1_800_000), gCO2PerKWh: v, kind }));
}

export function baseInput(overrides: Partial<AccountingInput> = {}): AccountingInput {
  return {
    startedAt: at("2026-03-01T10:00:00Z"),
    finishedAt: at("2026-03-01T11:00:00Z"),
    queuedAt: at("2026-03-01T08:00:00Z"),
    pieces: [],
    samples: [sample("2026-03-01T10:00:00Z", 50), sample("2026-03-01T10:30:00Z", 25)],
    server: SERVER,
    readings: readings("2026-03-01T10:00:00Z", [100, 200]),
    counterfactualReadings: readings("2026-03-01T08:00:00Z", [300, 300]),
    functionalUnit: { name: "run", count: 1 },
    ...overrides,
  };
}
