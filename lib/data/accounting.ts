// Carbon accounting of runs: load a run with what the calculation needs, store its figures,
// and find runs whose intensity basis improved. The `unsafe…` functions serve the worker
// across organisations; the others are scoped.
import { db } from "@/lib/db/client";
import { readForecast } from "@/lib/data/intensity";
import { scoped, type OrgId } from "@/lib/data/scope";
import { accountRun, buildRunManifest, functionalUnitsFromLog, networkGbFromLog, resolveFunctionalUnit, type AccountingInput, type RunAccounting } from "@/lib/domain/accounting";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Manifest } from "@/lib/impact";

const INCLUDE = {
  samples: { orderBy: { at: "asc" } },
  pieces: { orderBy: { startedAt: "asc" } },
  server: true,
  task: { select: { name: true, functionalUnit: true, functionalUnitCount: true } },
} satisfies Prisma.RunInclude;

const findRun = (where: Prisma.RunWhereInput) => db().run.findFirst({ where, include: INCLUDE });
type LoadedRun = NonNullable<Awaited<ReturnType<typeof findRun>>>;

const PERIOD_MS = 30 * 60_000;
// Re-accounting looks this far back: actuals land within hours, not weeks.
const REACCOUNT_WINDOW_MS = 7 * 24 * 3_600_000;

async function logText(runId: string): Promise<string> {
  const chunks = await db().runLogChunk.findMany({ where: { runId }, orderBy: { offset: "asc" }, select: { content: true } });
  return chunks.map((c) => c.content).join("");
}

const toReadings = (rows: Awaited<ReturnType<typeof readForecast>>) => rows.map((r) => ({ start: r.start, end: r.end, gCO2PerKWh: r.gCO2PerKWh, kind: r.kind }));

/** Null for a run that never started or has not finished. */
async function inputFor(run: LoadedRun): Promise<AccountingInput | null> {
  if (!run.startedAt || !run.finishedAt) return null;
  const zone = run.server.gridZone;
  // The counterfactual runs the active time without pauses, so the wall-clock span bounds it.
  const counterfactualEnd = new Date(run.queuedAt.getTime() + (run.finishedAt.getTime() - run.startedAt.getTime()) + PERIOD_MS);
  const [readings, counterfactualReadings, log] = await Promise.all([
    readForecast(zone, run.startedAt, run.finishedAt),
    readForecast(zone, run.queuedAt, counterfactualEnd),
    logText(run.id),
  ]);
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    queuedAt: run.queuedAt,
    pieces: run.pieces.map((p) => ({ start: p.startedAt, end: p.endedAt })),
    samples: run.samples,
    server: run.server,
    readings: toReadings(readings),
    counterfactualReadings: toReadings(counterfactualReadings),
    functionalUnit: resolveFunctionalUnit(run.task, functionalUnitsFromLog(log)),
    networkGb: networkGbFromLog(log) ?? undefined,
  };
}

function figures(a: RunAccounting, now: Date): Prisma.RunUpdateManyMutationInput {
  return {
    energyMethod: a.energyMethod,
    cpuEnergyKwh: a.cpuEnergyKwh,
    gpuEnergyKwh: a.gpuEnergyKwh,
    memoryEnergyKwh: a.memoryEnergyKwh,
    networkEnergyKwh: a.networkEnergyKwh,
    energyKwh: a.energyKwh,
    operationalCarbonG: a.operationalCarbonG,
    embodiedCarbonG: a.embodiedCarbonG,
    carbonG: a.carbonG,
    intensityBasis: a.intensityBasis,
    functionalUnit: a.functionalUnit,
    functionalUnitCount: a.functionalUnitCount,
    sciG: a.sciG,
    counterfactualCarbonG: a.counterfactualCarbonG,
    savedCarbonG: a.savedCarbonG,
    accountedAt: now,
  };
}

/** Accounts a finished run and stores its figures; null when it has nothing to account yet. Repeatable. */
export async function unsafeAccountRun(runId: string, now: Date = new Date()): Promise<RunAccounting | null> {
  const run = await findRun({ id: runId });
  if (!run) return null;
  const input = await inputFor(run);
  if (!input) return null;
  const accounting = accountRun(input);
  await db().run.updateMany({ where: { id: runId, finishedAt: { not: null } }, data: figures(accounting, now) });
  return accounting;
}

/**
 * Finished runs to (re)account: those accounted on forecasts (or none) for which an actual
 * reading overlapping the run, or its counterfactual span, arrived since; and finished runs never accounted.
 */
export async function unsafeRunsNeedingReaccounting(now: Date, limit = 100): Promise<string[]> {
  const since = new Date(now.getTime() - REACCOUNT_WINDOW_MS).toISOString();
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Run" r JOIN "Server" s ON s.id = r."serverId"
    WHERE r."startedAt" IS NOT NULL AND r."finishedAt" IS NOT NULL
      AND r."finishedAt" > (${since}::timestamptz AT TIME ZONE 'UTC')
      AND (
        r."accountedAt" IS NULL
        OR (r."intensityBasis" IS DISTINCT FROM 'actual' AND EXISTS (
          SELECT 1 FROM "IntensityReading" i
          WHERE i.zone = s."gridZone" AND i.kind = 'actual' AND i."supersededAt" IS NULL
            AND i."fetchedAt" > r."accountedAt"
            AND i."periodStart" < r."finishedAt" AND i."periodEnd" > r."startedAt"))
      )
    ORDER BY r."finishedAt" ASC
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

async function loadScoped(organisationId: OrgId, runId: string): Promise<{ run: LoadedRun; input: AccountingInput }> {
  const run = await findRun(scoped(organisationId, { id: runId }));
  const input = run && (await inputFor(run));
  if (!run || !input) throw notFound("Run not found");
  return { run, input };
}

/** The scoped inputs of one finished run (for its chart and manifest). */
export async function runAccountingInput(organisationId: OrgId, runId: string): Promise<AccountingInput> {
  return (await loadScoped(organisationId, runId)).input;
}

/** The run's IF manifest: `if-run` (or lib/impact's runManifest) recomputes its figures. */
export async function runImpactManifest(organisationId: OrgId, runId: string): Promise<Manifest> {
  const { run, input } = await loadScoped(organisationId, runId);
  return buildRunManifest(input, { runId: run.id, taskName: run.task.name, serverName: run.server.name, zone: run.server.gridZone });
}
