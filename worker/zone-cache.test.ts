import { describe, expect, it } from "vitest";
import { ZoneCache } from "@/worker/zone-cache";

const HOUR = 3_600_000;

function loader<T>(values: (T | Error)[]) {
  let calls = 0;
  const load = async (): Promise<T> => {
    const v = values[Math.min(calls++, values.length - 1)];
    if (v instanceof Error) throw v;
    return v;
  };
  return { load, calls: () => calls };
}

describe("ZoneCache", () => {
  it("serves a fresh value from memory, and a stale one while it refreshes in the background", async () => {
    const cache = new ZoneCache<number>({ ttlMs: HOUR, retryMs: HOUR / 6 });
    const l = loader([1, 2]);
    expect(await cache.get("GB", 0, l.load, 1000)).toBe(1);
    expect(await cache.get("GB", HOUR / 2, l.load, 1000)).toBe(1);
    expect(l.calls()).toBe(1);
    // Two hours on it is stale whatever the zone's spread (0.75-1.25 h): the old value now, the new one after.
    expect(await cache.get("GB", 2 * HOUR, l.load, 1000)).toBe(1);
    expect(l.calls()).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(await cache.get("GB", 2 * HOUR + 1, l.load, 1000)).toBe(2);
    expect(l.calls()).toBe(2);
  });

  it("keeps the last value through a failed refresh and retries only after the pause", async () => {
    const lines: string[] = [];
    const cache = new ZoneCache<number>({ ttlMs: HOUR, retryMs: HOUR / 6, log: (l) => lines.push(l) });
    const l = loader<number>([1, new Error("connection reset"), 3]);
    await cache.get("GB", 0, l.load, 1000);
    expect(await cache.get("GB", 2 * HOUR, l.load, 1000)).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual(["zone GB: refresh failed, keeping the last value: connection reset"]);
    expect(await cache.get("GB", 2 * HOUR + 60_000, l.load, 1000)).toBe(1);
    expect(l.calls()).toBe(2);
    expect(await cache.get("GB", 2 * HOUR + HOUR / 6, l.load, 1000)).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(await cache.get("GB", 2 * HOUR + HOUR / 6 + 1, l.load, 1000)).toBe(3);
  });

  it("with no value yet: a failure is reported, then not retried on every call", async () => {
    const cache = new ZoneCache<number>({ ttlMs: HOUR, retryMs: HOUR / 6 });
    const l = loader<number>([new Error("no database"), 7]);
    await expect(cache.get("DE", 0, l.load, 1000)).rejects.toThrow("no database");
    await expect(cache.get("DE", 60_000, l.load, 1000)).rejects.toThrow("no database");
    expect(l.calls()).toBe(1);
    expect(await cache.get("DE", HOUR / 6, l.load, 1000)).toBe(7);
  });

  it("waits for a slow first load only so long, and serves it once it lands", async () => {
    const cache = new ZoneCache<string>({ ttlMs: HOUR, retryMs: HOUR / 6 });
    let release: (v: string) => void = () => {};
    const slow = () => new Promise<string>((r) => (release = r));
    await expect(cache.get("FR", 0, slow, 20)).rejects.toThrow(/still measuring after 20 ms/);
    release("measured");
    await new Promise((r) => setImmediate(r));
    expect(await cache.get("FR", 1000, slow, 20)).toBe("measured");
  });

  it("spreads expiries per zone within 0.75-1.25 of the ttl", async () => {
    const cache = new ZoneCache<number>({ ttlMs: HOUR, retryMs: HOUR });
    const zones = Array.from({ length: 40 }, (_, i) => `zone-${i}`);
    let calls = 0;
    const load = async () => ++calls;
    for (const z of zones) await cache.get(z, 0, load, 1000);
    for (const z of zones) await cache.get(z, 0.75 * HOUR - 1, load, 1000);
    expect(calls).toBe(40);
    for (const z of zones) await cache.get(z, HOUR, load, 1000);
    expect(calls).toBeGreaterThan(45);
    expect(calls).toBeLessThan(80);
    for (const z of zones) await cache.get(z, 1.25 * HOUR + 1, load, 1000);
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(80);
  });
});
