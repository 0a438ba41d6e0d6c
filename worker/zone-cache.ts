// Per-zone measurements that are slow to take and change slowly (a forecast's error by lead, a
// prior's history). The tick must not wait on them: once a zone has a value it is served from
// memory and refreshed in the background when stale; expiries are spread per zone so zones do not
// all refresh on the same tick; a failed load is retried only after a pause, not every tick.

type Entry<T> = { value?: T; has: boolean; expiresAt: number; retryAt: number; pending?: Promise<T>; lastError?: Error };

export type ZoneCacheOptions = { ttlMs: number; retryMs: number; log?: (line: string) => void };

export class ZoneCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly options: ZoneCacheOptions) {}

  /**
   * The zone's value: fresh from memory; stale from memory while `load` refreshes it; else the first
   * load, waited for at most `waitMs` (it goes on in the background and serves later ticks).
   * Throws when there is no value yet and loading failed, is pausing after a failure, or is slow.
   */
  async get(zone: string, nowMs: number, load: () => Promise<T>, waitMs: number): Promise<T> {
    let entry = this.entries.get(zone);
    if (!entry) this.entries.set(zone, (entry = { has: false, expiresAt: 0, retryAt: 0 }));
    if (entry.has && nowMs < entry.expiresAt) return entry.value as T;
    if (!entry.pending && nowMs >= entry.retryAt) this.refresh(zone, entry, nowMs, load);
    if (entry.has) return entry.value as T;
    if (!entry.pending) throw entry.lastError ?? new Error("not measured yet");
    return withTimeout(entry.pending, waitMs);
  }

  clear(): void {
    this.entries.clear();
  }

  private refresh(zone: string, entry: Entry<T>, nowMs: number, load: () => Promise<T>): void {
    const pending = load().then(
      (value) => {
        Object.assign(entry, { value, has: true, expiresAt: nowMs + spread(zone, this.options.ttlMs), retryAt: 0, lastError: undefined });
        return value;
      },
      (error: Error) => {
        entry.retryAt = nowMs + this.options.retryMs;
        entry.lastError = error;
        if (entry.has) this.options.log?.(`zone ${zone}: refresh failed, keeping the last value: ${error.message}`);
        throw error;
      },
    );
    entry.pending = pending;
    // Whoever waits sees the outcome; a background refresh must not become an unhandled rejection.
    pending.catch(() => {}).finally(() => {
      if (entry.pending === pending) entry.pending = undefined;
    });
  }
}

/** ttl × 0.75 to 1.25, fixed per zone: zones loaded on the same tick go stale on different ones. */
function spread(zone: string, ttlMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < zone.length; i++) h = Math.imul(h ^ zone.charCodeAt(i), 0x01000193) >>> 0;
  return ttlMs * (0.75 + 0.5 * (h / 0x1_0000_0000));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still measuring after ${ms} ms; planning on without it`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
