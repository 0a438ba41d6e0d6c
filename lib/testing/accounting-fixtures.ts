// Seeds a finished run with samples, pauses, a log and intensity readings, for the
// accounting integration and browser tests. The task is created already finished, so a
// running worker never plans it.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { storeReadings, type ReadingInput } from "@/lib/data/intensity";
import { seedServer } from "@/lib/testing/factories";

const PERIOD_MS = 1_800_000;

export type FinishedRunOptions = {
  startedAt: Date;
  minutes: number;
  queuedMinutesBefore: number;
  cpuRunPercent: number;
  /** gCO2/kWh per half hour from the counterfactual start to the run's end. */
  intensity: (periodStart: Date) => number;
  kind?: "actual" | "forecast";
  log?: string;
  taskName?: string;
  functionalUnit?: string | null;
  functionalUnitCount?: number | null;
  server?: Record<string, unknown>;
  /** nvidia-smi power on every sample; none (a CPU-only server) when left out. */
  gpuPowerWatts?: number;
};

export async function seedReadings(zone: string, from: Date, to: Date, value: (start: Date) => number, kind: "actual" | "forecast", fetchedAt = new Date()) {
  const readings: ReadingInput[] = [];
  for (let t = Math.floor(from.getTime() / PERIOD_MS) * PERIOD_MS; t < to.getTime(); t += PERIOD_MS) {
    readings.push({ start: new Date(t), end: new Date(t + PERIOD_MS), gCO2PerKWh: value(new Date(t)), kind, source: "test" });
  }
  await storeReadings(zone, readings, fetchedAt);
}

export async function seedFinishedRun(organisationId: string, o: FinishedRunOptions) {
  const zone = `replay:acc-${randomBytes(4).toString("hex")}`;
  const server = await seedServer(organisationId, { gridZone: zone, ...o.server });
  const finishedAt = new Date(o.startedAt.getTime() + o.minutes * 60_000);
  const queuedAt = new Date(o.startedAt.getTime() - o.queuedMinutesBefore * 60_000);
  const task = await db().task.create({
    data: {
      organisationId,
      serverId: server.id,
      name: o.taskName ?? `acc-${randomBytes(3).toString("hex")}`,
      workingDirectory: "/tmp",
      command: "python train.py",
      position: 0,
      expectedDurationMinutes: o.minutes,
      status: "succeeded",
      planReason: "Planned into the greenest window before the deadline",
      functionalUnit: o.functionalUnit ?? null,
      functionalUnitCount: o.functionalUnitCount ?? null,
    },
  });
  const run = await db().run.create({
    data: { organisationId, taskId: task.id, serverId: server.id, attempt: 1, status: "succeeded", queuedAt, plannedStart: o.startedAt, startedAt: o.startedAt, finishedAt, exitCode: 0 },
  });
  await db().runPiece.create({ data: { runId: run.id, startedAt: o.startedAt, endedAt: finishedAt } });
  const samples = [];
  for (let t = o.startedAt.getTime(); t < finishedAt.getTime(); t += 60_000) {
    samples.push({ runId: run.id, at: new Date(t), cpuRunPercent: o.cpuRunPercent, cpuHostPercent: o.cpuRunPercent, memoryRunMb: 2048, memoryHostMb: 8192, gpuPowerWatts: o.gpuPowerWatts ?? null });
  }
  await db().runSample.createMany({ data: samples });
  if (o.log) await db().runLogChunk.create({ data: { runId: run.id, offset: BigInt(0), content: o.log } });
  await seedReadings(zone, queuedAt, finishedAt, o.intensity, o.kind ?? "actual");
  return { server, task, run, zone, queuedAt, finishedAt };
}
