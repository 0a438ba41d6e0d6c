// Refresh bookkeeping per zone (ZoneRefreshState): when it was last tried, when it last
// worked, since when its data is stale, and when it is next due.
import { db } from "@/lib/db/client";

export type RefreshState = { zone: string; lastAttemptAt: Date | null; lastSuccessAt: Date | null; lastError: string | null; staleSince: Date | null; nextRefreshAt: Date | null };

export async function refreshStateOf(zone: string): Promise<RefreshState | null> {
  return db().zoneRefreshState.findUnique({ where: { zone }, omit: { updatedAt: true } });
}

export async function markRefreshAttempt(zone: string, at: Date): Promise<RefreshState> {
  return db().zoneRefreshState.upsert({ where: { zone }, create: { zone, lastAttemptAt: at }, update: { lastAttemptAt: at }, omit: { updatedAt: true } });
}

export async function markRefreshSuccess(zone: string, at: Date, nextRefreshAt: Date): Promise<void> {
  const data = { lastSuccessAt: at, lastError: null, staleSince: null, nextRefreshAt };
  await db().zoneRefreshState.upsert({ where: { zone }, create: { zone, lastAttemptAt: at, ...data }, update: data });
}

/** Stale since the first failure after a success: a later failure keeps the earlier date. */
export async function markRefreshFailure(zone: string, at: Date, error: string, nextRefreshAt: Date): Promise<void> {
  const lastError = error.slice(0, 1000);
  await db().$transaction([
    db().zoneRefreshState.upsert({
      where: { zone },
      create: { zone, lastAttemptAt: at, lastError, staleSince: at, nextRefreshAt },
      update: { lastAttemptAt: at, lastError, nextRefreshAt },
    }),
    db().zoneRefreshState.updateMany({ where: { zone, staleSince: null }, data: { staleSince: at } }),
  ]);
}

/** Every zone some server of any organisation draws from. Cross-tenant: for the worker only. */
export async function unsafeZonesInUse(): Promise<string[]> {
  const rows = await db().server.findMany({ distinct: ["gridZone"], select: { gridZone: true }, orderBy: { gridZone: "asc" } });
  return rows.map((r) => r.gridZone);
}

/** Zones in use never refreshed, or whose next refresh time has come. */
export async function unsafeZonesDue(now: Date): Promise<string[]> {
  const zones = await unsafeZonesInUse();
  if (zones.length === 0) return [];
  const states = await db().zoneRefreshState.findMany({ where: { zone: { in: zones } }, select: { zone: true, nextRefreshAt: true } });
  const next = new Map(states.map((s) => [s.zone, s.nextRefreshAt]));
  return zones.filter((zone) => {
    const at = next.get(zone);
    return !at || at.getTime() <= now.getTime();
  });
}
