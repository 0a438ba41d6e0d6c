// Planner time per tick for synthetic fleets: `npx tsx bench/planner-speed.ts [--quick]`.
import { planTick } from "@/lib/domain/planner";
import type { PlannerConfig, PlannerServer, PlannerTask, PlanTickInput, ZoneForecast } from "@/lib/domain/planner";
import { parseEnv } from "@/lib/env";
import { plannerConfig } from "@/worker/jobs/tick";
import { rng } from "./lib/rng";

const HALF_HOUR = 1_800_000;
// The worker's planner with its default settings, except up to 3 pauses (the worker's default is 4) so the
// figures stay comparable with earlier ones; with forecast error by lead, its correlation and a prior per
// zone, so the joint shrinkage step is timed too (UK error sds).
const CONFIG: PlannerConfig = {
  ...plannerConfig(parseEnv({})),
  maxPauses: 3,
  forecastErrorSd: [0, 60, 360, 720, 1440].map((fromLeadMinutes, b) => ({ fromLeadMinutes, sdGPerKWh: [10, 15, 19, 24, 25][b] })),
};
const ZONES = ["GB", "DE", "FR", "CA", "NL", "ES", "IT", "PL", "SE", "IE"];

/** `oneAtATime`: every server runs one task at a time (a fleet of single-GPU boxes), so the exact sequencing is timed. */
export function syntheticTick(tasks: number, servers: number, seed = 1, oneAtATime = false): PlanTickInput {
  const rand = rng(seed);
  const now = new Date(Date.UTC(2025, 5, 1, 12, 0));
  const forecasts: ZoneForecast[] = ZONES.map((zone, z) => ({
    zone,
    readings: Array.from({ length: 96 }, (_, i) => ({
      start: new Date(now.getTime() + i * HALF_HOUR),
      end: new Date(now.getTime() + (i + 1) * HALF_HOUR),
      gCO2PerKWh: 50 + 30 * z + 80 * (1 + Math.sin((i + z * 5) / 7.6)) + 20 * rand(),
      kind: "forecast" as const,
    })),
    prior: Array.from({ length: 96 }, (_, i) => ({
      start: new Date(now.getTime() + i * HALF_HOUR),
      end: new Date(now.getTime() + (i + 1) * HALF_HOUR),
      gCO2PerKWh: 130 + 30 * z,
      sdGPerKWh: 60 * Math.sqrt(1 - 0.98 ** (2 * i)),
      climatologySdGPerKWh: 60,
    })),
    // The joint posterior (one 96×96 Cholesky per zone per tick) is timed too, as the worker feeds it:
    // the anomaly read off an actual two half hours back, fading by a measured autocorrelation.
    forecastErrorCorrelation: 0.9,
    priorPersistence: 0.98,
    priorAutocorrelation: Array.from({ length: 104 }, (_, lag) => 0.6 * 0.97 ** lag + 0.4 * Math.cos((2 * Math.PI * lag) / 48) * 0.99 ** lag),
    priorAnchoredAt: new Date(now.getTime() - 2 * HALF_HOUR),
  }));
  const fleet: PlannerServer[] = Array.from({ length: servers }, (_, i) => ({
    id: `srv-${String(i).padStart(4, "0")}`,
    zone: ZONES[i % ZONES.length],
    // Drawn either way, so both fleets see the same tasks.
    maxConcurrent: Math.min(oneAtATime ? 1 : Infinity, 2 + Math.floor(rand() * 7)),
    powerWatts: 200 + Math.floor(rand() * 800),
    busy: rand() < 0.3 ? [{ start: new Date(now.getTime() - HALF_HOUR), end: new Date(now.getTime() + Math.floor(rand() * 8) * HALF_HOUR) }] : [],
  }));
  const queue: PlannerTask[] = Array.from({ length: tasks }, (_, i) => {
    const durationMinutes = 30 * (1 + Math.floor(rand() * 16));
    const slackHours = 2 + rand() * 40;
    const policy = rand() < 0.85 ? ({ kind: "greenest" } as const) : rand() < 0.5 ? ({ kind: "threshold", maxIndexBand: "low" } as const) : ({ kind: "run_now" } as const);
    const eligible = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => fleet[Math.floor(rand() * servers)].id);
    return {
      id: `task-${i}`,
      durationMinutes,
      deadline: rand() < 0.8 ? new Date(now.getTime() + durationMinutes * 60_000 + slackHours * 3_600_000) : undefined,
      priority: Math.floor(rand() * 5),
      policy,
      eligibleServerIds: eligible,
      interruptible: rand() < 0.2,
      queuedAt: new Date(now.getTime() - Math.floor(rand() * 10) * HALF_HOUR),
    };
  });
  return { now, tasks: queue, servers: fleet, forecasts, config: CONFIG };
}

/**
 * Median over repeats of one planTick. Reports process CPU time as well as wall time: on a shared
 * machine wall time swings with other load, CPU time much less (it includes GC helper threads).
 */
export function medianTick(tasks: number, servers: number, repeats: number, oneAtATime = false): { wallMs: number; cpuMs: number } {
  const input = syntheticTick(tasks, servers, 1, oneAtATime);
  for (let w = 0; w < 3; w++) planTick(input); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    planTick(input);
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

function main(): void {
  const quick = process.argv.includes("--quick");
  const grid = quick ? [[10_000, 500]] : [[1_000, 500], [5_000, 500], [10_000, 500], [20_000, 500], [10_000, 100], [10_000, 1_000], [10_000, 2_000]];
  console.log("| tasks | servers | median wall ms/tick | median CPU ms/tick |\n|---:|---:|---:|---:|");
  for (const [tasks, servers] of grid) {
    const { wallMs, cpuMs } = medianTick(tasks, servers, quick ? 5 : 7);
    console.log(`| ${tasks} | ${servers} | ${wallMs.toFixed(0)} | ${cpuMs.toFixed(0)} |`);
  }
  if (quick) return;
  // Single-GPU fleets: about 2-20 queued tasks per server, so the exact sequencing (≤ 10 per server) runs on many.
  for (const [tasks, servers] of [[1_000, 500], [5_000, 500]]) {
    const { wallMs, cpuMs } = medianTick(tasks, servers, 7, true);
    console.log(`| ${tasks} | ${servers} (one at a time) | ${wallMs.toFixed(0)} | ${cpuMs.toFixed(0)} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
