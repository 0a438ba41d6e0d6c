// runIntensityRefresh over the real store and registry, with the cross-tenant zone list and
// retention stubbed: in a database other suites share, every zone is someone's, and a real
// prune would delete their readings.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readForecast, refreshStateOf } from "@/lib/data/intensity";
import { runIntensityRefresh } from "@/lib/intensity/refresh";

const stubs = vi.hoisted(() => ({ due: [] as string[], pruned: [] as Date[] }));

vi.mock("@/lib/data/intensity", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/data/intensity")>();
  return {
    ...original,
    unsafeZonesDue: async () => stubs.due,
    pruneReadings: async (olderThan: Date) => {
      stubs.pruned.push(olderThan);
      return { readings: 0, mixes: 0 };
    },
  };
});

describe("runIntensityRefresh", () => {
  beforeEach(() => {
    stubs.pruned = [];
  });

  it("does nothing when no zone is due", async () => {
    stubs.due = [];
    expect(await runIntensityRefresh(new Date(), () => {})).toEqual([]);
    expect(stubs.pruned).toEqual([]);
  });

  it("refreshes the due zones, logs one line each, then applies the default 90-day retention", async () => {
    stubs.due = ["replay:gb-lwa2020-week", "em:DE"];
    const now = new Date();
    const lines: string[] = [];
    const outcomes = await runIntensityRefresh(now, (l) => lines.push(l));
    expect(outcomes.map((o) => [o.zone, o.ok])).toEqual([["replay:gb-lwa2020-week", true], ["em:DE", false]]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^intensity: zone em:DE: provider electricity-maps failed \(unsupported\): not configured/);
    expect((await readForecast("replay:gb-lwa2020-week", now, new Date(now.getTime() + 48 * 3_600_000))).length).toBeGreaterThanOrEqual(96);
    expect(await refreshStateOf("em:DE")).toMatchObject({ staleSince: now, lastSuccessAt: null });
    expect(stubs.pruned).toEqual([new Date(now.getTime() - 90 * 86_400_000)]);
  });
});
