/** Pure parsing of /proc and powercap text, and the arithmetic between two readings. */
import type { RaplZoneSample, ResourceSample } from "./types";

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  /** Clock ticks in user and kernel mode. */
  utime: number;
  stime: number;
  rssPages: number;
}

/** One line of /proc/<pid>/stat. `comm` may hold spaces and `)`: split after the last `) `. */
export function parseProcStat(line: string): ProcStat | null {
  const open = line.indexOf(" (");
  const close = line.lastIndexOf(") ");
  if (open < 0 || close < open) return null;
  const pid = Number(line.slice(0, open));
  const rest = line.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state): field n of proc(5) is rest[n - 3].
  if (!Number.isInteger(pid) || rest.length < 22) return null;
  return {
    pid,
    comm: line.slice(open + 2, close),
    state: rest[0],
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    utime: Number(rest[11]),
    stime: Number(rest[12]),
    rssPages: Number(rest[21]),
  };
}

/** A leader that is a zombie (or dead) no longer runs anything. */
export function isLiveState(state: string): boolean {
  return state !== "Z" && state !== "X" && state !== "x";
}

export function isStoppedState(state: string): boolean {
  return state === "T" || state === "t";
}

export interface CpuTimes {
  total: number;
  idle: number;
}

/** The aggregate `cpu` line of /proc/stat. Guest time is already inside user, so only 8 fields count. */
export function parseCpuLine(line: string): CpuTimes | null {
  const parts = line.trim().split(/\s+/);
  if (parts[0] !== "cpu") return null;
  const values = parts.slice(1, 9).map(Number);
  if (values.length < 4 || values.some((v) => !Number.isFinite(v))) return null;
  const total = values.reduce((sum, v) => sum + v, 0);
  const idle = values[3] + (values[4] ?? 0);
  return { total, idle };
}

export function parseMeminfo(text: string): { totalBytes: number; availableBytes: number } | null {
  const kib = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, "m").exec(text);
    return match ? Number(match[1]) * 1024 : null;
  };
  const totalBytes = kib("MemTotal");
  const availableBytes = kib("MemAvailable");
  if (totalBytes === null || availableBytes === null) return null;
  return { totalBytes, availableBytes };
}

export interface RaplReading {
  zone: string;
  energyMicrojoules: number;
  maxRangeMicrojoules: number;
}

export interface Snapshot {
  uptimeSeconds: number;
  cpu: CpuTimes;
  procs: ProcStat[];
  rapl: RaplReading[];
}

export interface RawSample {
  cpuCount: number;
  pageSize: number;
  memory: { totalBytes: number; availableBytes: number };
  first: Snapshot;
  second: Snapshot;
  gpuWatts: number[];
}

function sections(text: string, marker: RegExp): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    const match = marker.exec(line);
    if (match) {
      current = [];
      result.set(match[1], current);
    } else if (current && line.trim() !== "") {
      current.push(line);
    }
  }
  return result;
}

function parseSnapshot(lines: string[]): Snapshot | null {
  const parts = sections(lines.join("\n"), /^@(uptime|cpu|procs|rapl)$/);
  const uptimeSeconds = Number((parts.get("uptime")?.[0] ?? "").split(/\s+/)[0]);
  const cpu = parseCpuLine(parts.get("cpu")?.[0] ?? "");
  if (!Number.isFinite(uptimeSeconds) || !cpu) return null;
  const procs = (parts.get("procs") ?? []).map(parseProcStat).filter((p): p is ProcStat => p !== null);
  const rapl = (parts.get("rapl") ?? []).flatMap((line) => {
    const [path, energy, max] = line.trim().split(/\s+/);
    const zone = path?.split("/").pop() ?? "";
    const energyMicrojoules = Number(energy);
    if (!zone || !Number.isFinite(energyMicrojoules)) return [];
    return [{ zone, energyMicrojoules, maxRangeMicrojoules: Number(max) || 0 }];
  });
  return { uptimeSeconds, cpu, procs, rapl };
}

/** Parses the sections printed by sampleScript; null when the target did not look like Linux. */
export function parseSampleOutput(text: string): RawSample | null {
  const top = sections(text, /^@(ncpu|pagesize|meminfo|snap1|snap2|gpu|end)$/);
  const cpuCount = Number(top.get("ncpu")?.[0]);
  const pageSize = Number(top.get("pagesize")?.[0]) || 4096;
  const memory = parseMeminfo((top.get("meminfo") ?? []).join("\n"));
  const first = parseSnapshot(top.get("snap1") ?? []);
  const second = parseSnapshot(top.get("snap2") ?? []);
  if (!Number.isInteger(cpuCount) || cpuCount < 1 || !memory || !first || !second) return null;
  const gpuWatts = (top.get("gpu") ?? []).map((l) => Number(l.trim())).filter((w) => Number.isFinite(w));
  return { cpuCount, pageSize, memory, first, second, gpuWatts };
}

/** Only top-level RAPL zones (intel-rapl:N): subzones are already inside their package. */
const TOP_LEVEL_RAPL = /^intel-rapl:\d+$/;

function raplZones(first: RaplReading[], second: RaplReading[], seconds: number): RaplZoneSample[] {
  return second
    .filter((r) => TOP_LEVEL_RAPL.test(r.zone))
    .map((r) => {
      const before = first.find((f) => f.zone === r.zone);
      if (!before || seconds <= 0) return { zone: r.zone, energyMicrojoules: r.energyMicrojoules, watts: null };
      let delta = r.energyMicrojoules - before.energyMicrojoules;
      // The counter wraps at max_energy_range_uj.
      if (delta < 0 && r.maxRangeMicrojoules > 0) delta += r.maxRangeMicrojoules;
      const watts = delta >= 0 ? delta / 1e6 / seconds : null;
      return { zone: r.zone, energyMicrojoules: r.energyMicrojoules, watts };
    });
}

/**
 * CPU of the group in cores (1 = one core busy), from per-pid tick deltas against the host's
 * tick delta, so CLK_TCK is never needed. A pid born during the interval counts in full;
 * children reaped during the interval are missed (their ticks move into cutime).
 */
export function computeSample(raw: RawSample): ResourceSample {
  const { first, second, cpuCount } = raw;
  const intervalSeconds = Math.max(0, second.uptimeSeconds - first.uptimeSeconds);
  const totalDelta = second.cpu.total - first.cpu.total;
  const idleDelta = second.cpu.idle - first.cpu.idle;
  const cpuUtilisation = totalDelta > 0 ? clamp(1 - idleDelta / totalDelta, 0, 1) : 0;

  const before = new Map(first.procs.map((p) => [p.pid, p.utime + p.stime]));
  const groupTicks = second.procs.reduce((sum, p) => sum + Math.max(0, p.utime + p.stime - (before.get(p.pid) ?? 0)), 0);
  const ticksPerCpu = totalDelta / cpuCount;
  const group =
    second.procs.length === 0
      ? null
      : {
          processCount: second.procs.length,
          cpuCores: ticksPerCpu > 0 ? clamp(groupTicks / ticksPerCpu, 0, cpuCount) : 0,
          rssBytes: second.procs.reduce((sum, p) => sum + p.rssPages * raw.pageSize, 0),
        };

  const zones = raplZones(first.rapl, second.rapl, intervalSeconds);
  const zoneWatts = zones.map((z) => z.watts).filter((w): w is number => w !== null);
  return {
    intervalSeconds,
    group,
    host: {
      cpuCount,
      cpuUtilisation,
      memoryUsedBytes: raw.memory.totalBytes - raw.memory.availableBytes,
      memoryTotalBytes: raw.memory.totalBytes,
    },
    energy: {
      raplWatts: zoneWatts.length ? sum(zoneWatts) : null,
      raplZones: zones,
      gpuWatts: raw.gpuWatts.length ? sum(raw.gpuWatts) : null,
    },
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
