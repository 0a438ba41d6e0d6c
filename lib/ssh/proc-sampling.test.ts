import { describe, expect, test } from "vitest";
import { computeSample, parseCpuLine, parseMeminfo, parseProcStat, parseSampleOutput } from "./proc-sampling";

const stat = (pid: number, comm: string, state: string, pgrp: number, utime: number, stime: number, rss: number) =>
  `${pid} (${comm}) ${state} 1 ${pgrp} ${pgrp} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 12345 1000000 ${rss} 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0`;

describe("parseProcStat", () => {
  test("reads the fields after a comm with spaces and parentheses", () => {
    const parsed = parseProcStat(stat(42, "we) ird (name", "S", 40, 7, 3, 250));
    expect(parsed).toEqual({ pid: 42, comm: "we) ird (name", state: "S", ppid: 1, pgrp: 40, utime: 7, stime: 3, rssPages: 250 });
  });

  test.each(["", "garbage", "12 (x) S 1"])("rejects %j", (line) => {
    expect(parseProcStat(line)).toBeNull();
  });
});

test("parseCpuLine counts iowait as idle and leaves guest out", () => {
  expect(parseCpuLine("cpu  100 0 50 800 50 0 0 0 30 0")).toEqual({ total: 1000, idle: 850 });
  expect(parseCpuLine("cpu0 1 2 3 4")).toBeNull();
});

test("parseMeminfo", () => {
  const text = "MemTotal:       16000 kB\nMemFree:  1 kB\nMemAvailable:    4000 kB\n";
  expect(parseMeminfo(text)).toEqual({ totalBytes: 16000 * 1024, availableBytes: 4000 * 1024 });
  expect(parseMeminfo("MemTotal: 1 kB")).toBeNull();
});

function output(options: { procs1: string[]; procs2: string[]; rapl1?: string[]; rapl2?: string[]; gpu?: string[] }): string {
  return [
    "@ncpu",
    "4",
    "@pagesize",
    "4096",
    "@meminfo",
    "MemTotal:       8000000 kB",
    "MemAvailable:   6000000 kB",
    "@snap1",
    "@uptime",
    "1000.00 3000.00",
    "@cpu",
    "cpu  1000 0 0 9000 0 0 0 0 0 0",
    "@procs",
    ...options.procs1,
    "@rapl",
    ...(options.rapl1 ?? []),
    "@snap2",
    "@uptime",
    "1000.50 3001.00",
    "@cpu",
    // 200 ticks passed over 4 CPUs (50 per CPU), 100 of them busy.
    "cpu  1100 0 0 9100 0 0 0 0 0 0",
    "@procs",
    ...options.procs2,
    "@rapl",
    ...(options.rapl2 ?? []),
    "@gpu",
    ...(options.gpu ?? []),
    "@end",
  ].join("\n");
}

describe("sample", () => {
  test("group cores from tick deltas, host utilisation and memory", () => {
    const raw = parseSampleOutput(
      output({
        procs1: [stat(10, "sh", "S", 10, 0, 0, 100), stat(11, "work", "R", 10, 500, 100, 1000)],
        procs2: [stat(10, "sh", "S", 10, 0, 0, 100), stat(11, "work", "R", 10, 540, 110, 1000), stat(12, "new", "R", 10, 25, 0, 10)],
      }),
    );
    expect(raw).not.toBeNull();
    const sample = computeSample(raw!);
    expect(sample.intervalSeconds).toBeCloseTo(0.5);
    // (40 + 10 + 25) ticks over 50 ticks per CPU = 1.5 cores.
    expect(sample.group).toEqual({ processCount: 3, cpuCores: 1.5, rssBytes: 1110 * 4096 });
    expect(sample.host).toEqual({ cpuCount: 4, cpuUtilisation: 0.5, memoryUsedBytes: 2000000 * 1024, memoryTotalBytes: 8000000 * 1024 });
    expect(sample.energy).toEqual({ raplWatts: null, raplZones: [], gpuWatts: null });
  });

  test("no group when the run has no processes", () => {
    const sample = computeSample(parseSampleOutput(output({ procs1: [], procs2: [] }))!);
    expect(sample.group).toBeNull();
  });

  test("RAPL top-level zones only, with counter wrap; GPU watts summed, N/A ignored", () => {
    const zone = "/sys/class/powercap/intel-rapl:0";
    const sub = "/sys/class/powercap/intel-rapl:0:0";
    const sample = computeSample(
      parseSampleOutput(
        output({
          procs1: [],
          procs2: [],
          rapl1: [`${zone} 999000000 1000000000`, `${sub} 5 1000`],
          rapl2: [`${zone} 4000000 1000000000`, `${sub} 10 1000`],
          gpu: ["35.5", "[N/A]", "14.5"],
        }),
      )!,
    );
    // (1e9 - 999e6 + 4e6) µJ = 5 J over 0.5 s.
    expect(sample.energy.raplZones).toEqual([{ zone: "intel-rapl:0", energyMicrojoules: 4000000, watts: 10 }]);
    expect(sample.energy.raplWatts).toBe(10);
    expect(sample.energy.gpuWatts).toBe(50);
  });

  test("non-Linux output is rejected", () => {
    expect(parseSampleOutput("@ncpu\n0\n@end")).toBeNull();
  });
});
