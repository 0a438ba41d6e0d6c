// The organisation's accounted runs, filtered, for the insights page and the exports.
import { db } from "@/lib/db/client";
import { scoped, type OrgId } from "@/lib/data/scope";
import { AppError } from "@/lib/errors";
import { buildInsights, type InsightRun, type Insights } from "@/lib/domain/insights/insights";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TInsightsQuery } from "@/lib/validation/insights";

const DAY_MS = 86_400_000;

/** `to` is inclusive of its whole (UTC) day. With no dates: the current month so far. */
export function dateRange(q: Pick<TInsightsQuery, "from" | "to">, now: Date): { from: Date; to: Date } {
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : new Date(now.getTime() + 1);
  return { from, to };
}

function where(organisationId: OrgId, q: TInsightsQuery, now: Date): Prisma.RunWhereInput {
  const { from, to } = dateRange(q, now);
  return scoped(organisationId, {
    finishedAt: { gte: from, lt: to },
    ...(q.serverId ? { serverId: q.serverId } : {}),
    ...(q.taskId ? { taskId: q.taskId } : {}),
  });
}

/** A filter naming another organisation's server or task is a 404, like any other use of its id. */
async function assertFiltersInOrg(organisationId: OrgId, q: TInsightsQuery): Promise<void> {
  if (q.serverId && !(await db().server.findFirst({ where: scoped(organisationId, { id: q.serverId }), select: { id: true } }))) {
    throw new AppError("not_found", "Server not found", { serverId: ["Choose one of your servers"] });
  }
  if (q.taskId && !(await db().task.findFirst({ where: scoped(organisationId, { id: q.taskId }), select: { id: true } }))) {
    throw new AppError("not_found", "Task not found", { taskId: ["Choose one of your tasks"] });
  }
}

const INCLUDE = { task: { select: { name: true } }, server: { select: { name: true, gridZone: true } } } as const;

export type InsightsResult = Insights & { range: { from: string; to: string }; options: { servers: { id: string; name: string }[]; tasks: { id: string; name: string }[] } };

export async function insightsFor(organisationId: OrgId, q: TInsightsQuery, now = new Date()): Promise<InsightsResult> {
  await assertFiltersInOrg(organisationId, q);
  const [servers, tasks] = await Promise.all([
    db().server.findMany({ where: scoped(organisationId), select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().task.findMany({ where: scoped(organisationId, q.serverId ? { serverId: q.serverId } : {}), select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const rows = await db().run.findMany({ where: { ...where(organisationId, q, now), accountedAt: { not: null } }, include: INCLUDE, orderBy: { finishedAt: "asc" } });
  const runs: InsightRun[] = rows.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    taskName: r.task.name,
    serverId: r.serverId,
    serverName: r.server.name,
    startedAt: r.startedAt ?? r.finishedAt!,
    finishedAt: r.finishedAt!,
    energyKwh: r.energyKwh ?? 0,
    operationalCarbonG: r.operationalCarbonG ?? 0,
    carbonG: r.carbonG ?? 0,
    counterfactualCarbonG: r.counterfactualCarbonG ?? 0,
    savedCarbonG: r.savedCarbonG ?? 0,
    sciG: r.sciG ?? 0,
    functionalUnit: r.functionalUnit ?? "run",
  }));
  const { from, to } = dateRange(q, now);
  return { ...buildInsights(runs), range: { from: from.toISOString(), to: to.toISOString() }, options: { servers, tasks } };
}

export const EXPORT_COLUMNS = [
  "runId", "taskId", "task", "serverId", "server", "gridZone", "attempt", "status", "queuedAt", "startedAt", "finishedAt", "pausedSeconds",
  "energyMethod", "cpuEnergyKwh", "gpuEnergyKwh", "memoryEnergyKwh", "networkEnergyKwh", "energyKwh", "operationalCarbonG", "embodiedCarbonG", "carbonG",
  "intensityBasis", "functionalUnit", "functionalUnitCount", "sciG", "counterfactualCarbonG", "savedCarbonG", "accountedAt",
] as const;

export type RunExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** Every finished run in the filter with every figure (null where not accounted yet). */
export async function exportRuns(organisationId: OrgId, q: TInsightsQuery, now = new Date()): Promise<RunExportRow[]> {
  await assertFiltersInOrg(organisationId, q);
  const rows = await db().run.findMany({ where: where(organisationId, q, now), include: INCLUDE, orderBy: { finishedAt: "asc" } });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    runId: r.id, taskId: r.taskId, task: r.task.name, serverId: r.serverId, server: r.server.name, gridZone: r.server.gridZone,
    attempt: r.attempt, status: r.status, queuedAt: iso(r.queuedAt), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt), pausedSeconds: r.pausedSeconds,
    energyMethod: r.energyMethod, cpuEnergyKwh: r.cpuEnergyKwh, gpuEnergyKwh: r.gpuEnergyKwh, memoryEnergyKwh: r.memoryEnergyKwh, networkEnergyKwh: r.networkEnergyKwh, energyKwh: r.energyKwh,
    operationalCarbonG: r.operationalCarbonG, embodiedCarbonG: r.embodiedCarbonG, carbonG: r.carbonG, intensityBasis: r.intensityBasis,
    functionalUnit: r.functionalUnit, functionalUnitCount: r.functionalUnitCount, sciG: r.sciG, counterfactualCarbonG: r.counterfactualCarbonG,
    savedCarbonG: r.savedCarbonG, accountedAt: iso(r.accountedAt),
  }));
}
