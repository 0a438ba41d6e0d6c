import { db } from "@/lib/db/client";
import { scoped, type OrgId } from "@/lib/data/scope";
import { notFound } from "@/lib/errors";
import type { Run } from "@/lib/generated/prisma/client";

export type RunDto = {
  id: string;
  taskId: string;
  serverId: string;
  attempt: number;
  status: Run["status"];
  plannedStart: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  errorMessage: string | null;
  pausedSeconds: number;
  logBytes: number;
  logTruncated: boolean;
  energyMethod: string | null;
  cpuEnergyKwh: number | null;
  gpuEnergyKwh: number | null;
  memoryEnergyKwh: number | null;
  networkEnergyKwh: number | null;
  energyKwh: number | null;
  carbonG: number | null;
  operationalCarbonG: number | null;
  embodiedCarbonG: number | null;
  intensityBasis: string | null;
  sciG: number | null;
  functionalUnit: string | null;
  functionalUnitCount: number | null;
  counterfactualCarbonG: number | null;
  savedCarbonG: number | null;
  accountedAt: string | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toRunDto(r: Run): RunDto {
  return {
    id: r.id,
    taskId: r.taskId,
    serverId: r.serverId,
    attempt: r.attempt,
    status: r.status,
    plannedStart: iso(r.plannedStart),
    queuedAt: r.queuedAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    exitCode: r.exitCode,
    errorMessage: r.errorMessage,
    pausedSeconds: r.pausedSeconds,
    logBytes: r.logBytes,
    logTruncated: r.logTruncated,
    energyMethod: r.energyMethod,
    cpuEnergyKwh: r.cpuEnergyKwh,
    gpuEnergyKwh: r.gpuEnergyKwh,
    memoryEnergyKwh: r.memoryEnergyKwh,
    networkEnergyKwh: r.networkEnergyKwh,
    energyKwh: r.energyKwh,
    carbonG: r.carbonG,
    operationalCarbonG: r.operationalCarbonG,
    embodiedCarbonG: r.embodiedCarbonG,
    intensityBasis: r.intensityBasis,
    sciG: r.sciG,
    functionalUnit: r.functionalUnit,
    functionalUnitCount: r.functionalUnitCount,
    counterfactualCarbonG: r.counterfactualCarbonG,
    savedCarbonG: r.savedCarbonG,
    accountedAt: iso(r.accountedAt),
  };
}

export async function listRunsForTask(organisationId: OrgId, taskId: string): Promise<RunDto[]> {
  const rows = await db().run.findMany({ where: scoped(organisationId, { taskId }), orderBy: { attempt: "desc" } });
  return rows.map(toRunDto);
}

export async function listRunsForServer(organisationId: OrgId, serverId: string, take = 50): Promise<RunDto[]> {
  const rows = await db().run.findMany({ where: scoped(organisationId, { serverId }), orderBy: { createdAt: "desc" }, take });
  return rows.map(toRunDto);
}

export type RunLogDto = { runId: string; status: Run["status"]; chunks: { offset: number; content: string }[]; nextOffset: number; truncated: boolean; pieces: { startedAt: string; endedAt: string | null }[] };

/** Log chunks after a byte offset, for live tailing; scoped through the run's organisation. */
export async function readRunLog(organisationId: OrgId, taskId: string, runId: string, after: number): Promise<RunLogDto> {
  const run = await db().run.findFirst({ where: scoped(organisationId, { id: runId, taskId }), include: { pieces: { orderBy: { startedAt: "asc" } } } });
  if (!run) throw notFound("Run not found");
  // At most ~200 chunks a call: each is what one watch read (a few seconds of output, ≤256 KiB).
  const chunks = await db().runLogChunk.findMany({ where: { runId, offset: { gte: BigInt(after) } }, orderBy: { offset: "asc" }, take: 200 });
  const last = chunks.at(-1);
  return {
    runId,
    status: run.status,
    chunks: chunks.map((c) => ({ offset: Number(c.offset), content: c.content })),
    nextOffset: last ? Number(last.offset) + 1 : after,
    truncated: run.logTruncated,
    pieces: run.pieces.map((p) => ({ startedAt: p.startedAt.toISOString(), endedAt: p.endedAt?.toISOString() ?? null })),
  };
}
