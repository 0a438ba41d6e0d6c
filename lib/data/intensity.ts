// Grid intensity readings. They are public grid data shared by every organisation, not
// tenant rows, so these functions take a zone rather than an organisation id; the routes
// that show them first check that the zone belongs to one of the caller's servers.
//
// For each (zone, periodStart, kind) one row is current (supersededAt null, enforced by the
// partial unique index "IntensityReading_current_key"); a changed value supersedes it and
// the old row stays, so what was forecast for a period can be compared with what happened.
import { db } from "@/lib/db/client";
import { Prisma, type IntensityReading as ReadingRow } from "@/lib/generated/prisma/client";
import { preferActual, type ReadingKind, type StoredReading } from "@/lib/data/intensity-shared";

export { markRefreshAttempt, markRefreshFailure, markRefreshSuccess, refreshStateOf, unsafeZonesDue, unsafeZonesInUse } from "@/lib/data/intensity-refresh-state";
export { latestGenerationMix, storeGenerationMix, type GenerationMixDto } from "@/lib/data/intensity-mix";
export type { ReadingKind, StoredReading } from "@/lib/data/intensity-shared";

export type CurrentIntensityDto =
  | { status: "no_data"; zone: string }
  | {
      status: "ok";
      zone: string;
      gCO2PerKWh: number;
      index: string | null;
      source: string;
      kind: ReadingKind;
      periodStart: string;
      periodEnd: string;
      stale: boolean;
      staleSince: string | null;
    };

export interface ReadingInput {
  start: Date;
  end: Date;
  gCO2PerKWh: number;
  kind: ReadingKind;
  index?: string | null;
  source: string;
}

export type StoreResult = { inserted: number; superseded: number; unchanged: number };

// Should a writer that skips the zone lock win the insert for a period, we supersede its row
// in turn: each round sees the other's commit.
const MAX_ROUNDS = 3;
// A backfill of months of 5-minute data is tens of thousands of rows: more than Prisma's 5 s default.
const STORE_TX = { timeout: 120_000, maxWait: 10_000 };

/**
 * Idempotent: the same value again writes nothing; a changed value (or end, band, source)
 * marks the current row superseded at `fetchedAt` and inserts the new one, in one transaction.
 */
export async function storeReadings(zone: string, readings: ReadingInput[], fetchedAt: Date): Promise<StoreResult> {
  const rows = dedupe(readings);
  if (rows.length === 0) return { inserted: 0, superseded: 0, unchanged: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeOnce(zone, rows, fetchedAt);
    } catch (error) {
      // Rows are locked in period order, so writers should not deadlock; if PostgreSQL still
      // picks this transaction as a deadlock victim, it rolled back whole and can run again.
      if (attempt >= MAX_ROUNDS || !isDeadlock(error)) throw error;
    }
  }
}

function isDeadlock(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; meta?: unknown } | null;
  return /40P01|P2034|deadlock/i.test(`${e?.code} ${e?.message} ${JSON.stringify(e?.meta ?? null)}`);
}

async function storeOnce(zone: string, rows: ReadingInput[], fetchedAt: Date): Promise<StoreResult> {
  return db().$transaction(async (tx) => {
    // Writers of one zone take turns (other zones are not held up), so each sees the last
    // one's rows; the partial unique index is what guarantees one current row regardless.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('IntensityReading'), hashtext(${zone}))`;
    let pending = rows;
    let inserted = 0;
    let superseded = 0;
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
      const input = inputTable(pending);
      const at = fetchedAt.toISOString();
      superseded += await tx.$executeRaw`
        UPDATE "IntensityReading" r SET "supersededAt" = (${at}::timestamptz AT TIME ZONE 'UTC')
        FROM ${input}
        WHERE ${matchesCurrent(zone)} AND ${differs}`;
      inserted += await tx.$executeRaw`
        INSERT INTO "IntensityReading" ("zone", "periodStart", "periodEnd", "gCO2PerKWh", "kind", "indexBand", "source", "fetchedAt")
        SELECT ${zone}, ${utc("i.ps")}, ${utc("i.pe")}, i.v, i.k::"ReadingKind", i.band, i.src, (${at}::timestamptz AT TIME ZONE 'UTC')
        FROM ${input}
        ON CONFLICT ("zone", "periodStart", "kind") WHERE "supersededAt" IS NULL DO NOTHING`;
      const lost = await tx.$queryRaw<{ ps: string; k: string }[]>`
        SELECT i.ps, i.k FROM "IntensityReading" r, ${input} WHERE ${matchesCurrent(zone)} AND ${differs}`;
      const lostKeys = new Set(lost.map((l) => `${new Date(l.ps).getTime()}|${l.k}`));
      pending = pending.filter((r) => lostKeys.has(keyOf(r)));
    }
    if (pending.length > 0) throw new Error(`storeReadings(${zone}): ${pending.length} reading(s) still contended after ${MAX_ROUNDS} rounds`);
    return { inserted, superseded, unchanged: rows.length - inserted };
  }, STORE_TX);
}

const keyOf = (r: { start: Date; kind: string }) => `${r.start.getTime()}|${r.kind}`;

/** One reading per (start, kind), the last one given winning (providers list fresher data later), in period order. */
function dedupe(readings: ReadingInput[]): ReadingInput[] {
  const byKey = new Map<string, ReadingInput>();
  for (const r of readings) {
    if (!Number.isFinite(r.gCO2PerKWh) || r.end.getTime() <= r.start.getTime()) continue;
    byKey.set(keyOf(r), r);
  }
  return [...byKey.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || a.kind.localeCompare(b.kind));
}

// Timestamps travel as ISO text and land in UTC, as Prisma stores `timestamp(3)` columns.
const utc = (column: string) => Prisma.raw(`(${column}::timestamptz AT TIME ZONE 'UTC')`);

function inputTable(rows: ReadingInput[]): Prisma.Sql {
  return Prisma.sql`unnest(
    ${rows.map((r) => r.start.toISOString())}::text[], ${rows.map((r) => r.end.toISOString())}::text[],
    ${rows.map((r) => r.gCO2PerKWh)}::float8[], ${rows.map((r) => r.kind)}::text[],
    ${rows.map((r) => r.index ?? null)}::text[], ${rows.map((r) => r.source)}::text[]
  ) AS i(ps, pe, v, k, band, src)`;
}

const matchesCurrent = (zone: string) =>
  Prisma.sql`r."zone" = ${zone} AND r."supersededAt" IS NULL AND r."periodStart" = ${utc("i.ps")} AND r."kind" = i.k::"ReadingKind"`;

const differs = Prisma.sql`(r."gCO2PerKWh" <> i.v OR r."periodEnd" <> ${utc("i.pe")} OR r."indexBand" IS DISTINCT FROM i.band OR r."source" <> i.src)`;

function toReading(row: ReadingRow): StoredReading {
  return {
    zone: row.zone,
    start: row.periodStart,
    end: row.periodEnd,
    gCO2PerKWh: row.gCO2PerKWh,
    kind: row.kind,
    index: row.indexBand,
    source: row.source,
    fetchedAt: row.fetchedAt,
    supersededAt: row.supersededAt,
  };
}

async function currentRows(zone: string, from: Date, to: Date, kind?: ReadingKind): Promise<StoredReading[]> {
  const rows = await db().intensityReading.findMany({
    where: { zone, supersededAt: null, periodStart: { lt: to }, periodEnd: { gt: from }, ...(kind ? { kind } : {}) },
    orderBy: [{ periodStart: "asc" }, { kind: "asc" }],
  });
  return rows.map(toReading);
}

/** Current readings overlapping [from, to), one per period: the actual where known, else the forecast. */
export async function readForecast(zone: string, from: Date, to: Date): Promise<StoredReading[]> {
  return preferActual(await currentRows(zone, from, to));
}

/** Current measured readings overlapping [from, to). */
export async function readActuals(zone: string, from: Date, to: Date): Promise<StoredReading[]> {
  return currentRows(zone, from, to, "actual");
}

/** Everything ever stored for one period, oldest fetch first: for forecast-accuracy analysis. */
export async function forecastHistory(zone: string, periodStart: Date): Promise<{ forecasts: StoredReading[]; actual: StoredReading | null }> {
  const rows = (await db().intensityReading.findMany({ where: { zone, periodStart }, orderBy: [{ fetchedAt: "asc" }, { id: "asc" }] })).map(toReading);
  const actual = rows.find((r) => r.kind === "actual" && r.supersededAt === null) ?? null;
  return { forecasts: rows.filter((r) => r.kind === "forecast"), actual };
}

export type VersionRow = { start: Date; gCO2PerKWh: number; fetchedAt: Date; supersededAt: Date | null };

/**
 * Every forecast version (superseded included) and the current actuals for periods starting in
 * [from, to). Only the columns accuracy needs, in no particular order: two weeks of a zone fetched
 * every half hour is some 64,000 versions, and whole rows cost Prisma a second and 140 MB.
 * Forecasts are read only for periods with an actual (without one there is nothing to compare).
 */
export async function readForAccuracy(zone: string, from: Date, to: Date): Promise<{ forecasts: VersionRow[]; actuals: VersionRow[] }> {
  const columns = { periodStart: true, gCO2PerKWh: true, fetchedAt: true, supersededAt: true } as const;
  const actualRows = await db().intensityReading.findMany({ where: { zone, kind: "actual", supersededAt: null, periodStart: { gte: from, lt: to } }, select: columns });
  if (actualRows.length === 0) return { forecasts: [], actuals: [] };
  const forecastRows = await db().intensityReading.findMany({ where: { zone, kind: "forecast", periodStart: { gte: from, lt: to } }, select: columns });
  const version = (r: (typeof actualRows)[number]): VersionRow => ({ start: r.periodStart, gCO2PerKWh: r.gCO2PerKWh, fetchedAt: r.fetchedAt, supersededAt: r.supersededAt });
  return { forecasts: forecastRows.map(version), actuals: actualRows.map(version) };
}

/** The slot's answer: the latest period that has started, marked stale when refreshing fails or data ran out. */
export async function currentIntensityFor(zone: string, now: Date = new Date()): Promise<CurrentIntensityDto> {
  // The latest period that has started, however old: after a long outage the last reading
  // is still shown, marked stale. Two rows cover an actual and a forecast of that period.
  const rows = await db().intensityReading.findMany({
    where: { zone, supersededAt: null, periodStart: { lte: now } },
    orderBy: [{ periodStart: "desc" }, { kind: "desc" }],
    take: 2,
  });
  const reading = preferActual(rows.map(toReading)).at(-1);
  if (!reading) return { status: "no_data", zone };
  const state = await db().zoneRefreshState.findUnique({ where: { zone }, select: { staleSince: true } });
  const expired = reading.end.getTime() <= now.getTime();
  const staleSince = state?.staleSince ?? (expired ? reading.end : null);
  return {
    status: "ok",
    zone,
    gCO2PerKWh: reading.gCO2PerKWh,
    index: reading.index,
    source: reading.source,
    kind: reading.kind,
    periodStart: reading.start.toISOString(),
    periodEnd: reading.end.toISOString(),
    stale: staleSince !== null,
    staleSince: staleSince?.toISOString() ?? null,
  };
}

/** Retention: readings and mixes whose period ended before `olderThan` go, superseded or not. */
export async function pruneReadings(olderThan: Date): Promise<{ readings: number; mixes: number }> {
  const [readings, mixes] = await db().$transaction([
    db().intensityReading.deleteMany({ where: { periodEnd: { lt: olderThan } } }),
    db().generationMix.deleteMany({ where: { periodEnd: { lt: olderThan } } }),
  ]);
  return { readings: readings.count, mixes: mixes.count };
}
