// Energy of one segment, in the order of operations of the IF pipeline in manifest.ts, so
// that the exported manifest recomputes the same numbers.
import { interpolate, sortCurve } from "@/lib/impact/plugins/interpolation-math";
import { TEADS_CURVE, type Coefficients } from "./coefficients";
import { allocatedVcpus } from "./share";
import type { EnergyTerms, HardwareProfile, Segment } from "./types";

const MS_PER_HOUR = 3_600_000;
const CURVE = sortCurve({ x: [...TEADS_CURVE.x], y: [...TEADS_CURVE.y] });

/** Teads: share of TDP drawn at a utilisation (linear interpolation, as IF's tutorial). */
export const teadsFactor = (utilisation: number): number => interpolate("linear", CURVE, utilisation);

/** CPU kWh from the curve: TDP × factor × hours, divided by the vCPU ratio (total / the run's). */
export function modelledCpuKwh(segment: Segment, server: HardwareProfile): number {
  if (segment.cpuUtilisation === "off") return 0;
  const wattage = teadsFactor(segment.cpuUtilisation) * server.cpuTdpWatts;
  const raw = (wattage * segment.durationS) / MS_PER_HOUR;
  return raw / (server.vcpusTotal / allocatedVcpus(server));
}

/** Measured (RAPL) CPU kWh: the run's part of the package power × time. */
export const measuredCpuKwh = (segment: Segment): number => (segment.measuredCpuWatts * segment.durationS) / MS_PER_HOUR;

export const gpuKwh = (segment: Segment): number => (segment.gpuWatts * segment.durationS) / MS_PER_HOUR;

/** CCF: resident GB × hours × kWh per GB-hour. */
export const memoryKwh = (segment: Segment, c: Coefficients): number => ((segment.memoryGb * segment.durationS) / 3600) * c.memoryKwhPerGbHour;

/** CCF: GB transferred × kWh per GB. */
export const networkKwh = (segment: Segment, c: Coefficients): number => segment.networkGb * c.networkKwhPerGb;

export function segmentEnergy(segment: Segment, server: HardwareProfile, c: Coefficients): EnergyTerms {
  const cpuKwh = modelledCpuKwh(segment, server) + measuredCpuKwh(segment);
  const gpu = gpuKwh(segment);
  const memory = memoryKwh(segment, c);
  const network = networkKwh(segment, c);
  return { cpuKwh, gpuKwh: gpu, memoryKwh: memory, networkKwh: network, energyKwh: cpuKwh + gpu + memory + network };
}

/** Which method produced the CPU figure: measured where the run recorded RAPL, else the curve. */
export function energyMethod(segments: Segment[]): string {
  const measured = segments.filter((s) => s.cpuUtilisation === "off").length;
  const cpu = measured === 0 ? "teads-curve" : measured === segments.length ? "rapl" : "rapl+teads-curve";
  return segments.some((s) => s.gpuWatts > 0) ? `${cpu}+nvidia-smi` : cpu;
}
