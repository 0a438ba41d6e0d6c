import { describe, expect, test } from "vitest";
import { planTick } from "./plan-tick";
import { at, baseConfig, halfHourly, server, task } from "./test-helpers";
import type { Decision, PlannedDecision, PlannerConfig, PlanTickInput } from "./types";

// 12 half hours: dirty now, a green trough at slots 6-7, dirty again.
const TROUGH = [300, 300, 300, 280, 250, 200, 50, 40, 220, 300, 300, 300];

function plan(over: Partial<Omit<PlanTickInput, "config">> & { config?: Partial<PlannerConfig> } = {}): Decision[] {
  return planTick({
    now: at(0),
    tasks: [task("t")],
    servers: [server("s1")],
    forecasts: [{ zone: "GB", readings: halfHourly(TROUGH) }],
    ...over,
    config: { ...baseConfig, ...over.config },
  });
}

function planned(d: Decision): PlannedDecision {
  if (d.action === "infeasible") throw new Error(`infeasible: ${d.reason}`);
  return d;
}

describe("greenest policy", () => {
  test("waits for the trough and says why", () => {
    const d = planned(plan({ tasks: [task("t", { deadline: at(12) })] })[0]);
    expect(d.action).toBe("wait");
    expect(d.start).toEqual(at(6));
    expect(d.expectedCarbonG).toBeCloseTo(45, 6);
    expect(d.counterfactualCarbonG).toBeCloseTo(300, 6);
    expect(d.savingPercent).toBeCloseTo(85, 6);
    expect(d.reason).toBe("waiting for 03:00 UTC on s1 (GB), forecast 45 g/kWh vs 300 now; saves ~85%");
  });

  test("starts now when now is greenest", () => {
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly([10, 20, ...TROUGH]) }], tasks: [task("t", { deadline: at(12) })] })[0]);
    expect(d.action).toBe("start_now");
    expect(d.start).toEqual(at(0));
  });

  test("a deadline before the trough forces an earlier start", () => {
    const d = planned(plan({ tasks: [task("t", { deadline: at(4) })] })[0]);
    expect(d.start).toEqual(at(2));
  });

  test("no deadline: the start may move by at most defaultWindowHours", () => {
    const d = planned(plan({ config: { defaultWindowHours: 1 } })[0]);
    expect(d.start.getTime()).toBeLessThanOrEqual(at(2).getTime());
  });

  test("a deadline that cannot be met is infeasible", () => {
    expect(plan({ tasks: [task("t", { deadline: at(1) })] })[0]).toMatchObject({ action: "infeasible" });
  });

  test("minSavingPercent: tiny gains do not justify waiting", () => {
    const flat = [100, 100, 99, 99, 100, 100];
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly(flat) }], config: { minSavingPercent: 5 }, tasks: [task("t", { deadline: at(6) })] })[0]);
    expect(d.action).toBe("start_now");
    expect(d.reason).toMatch(/would save only 1\.0% \(< 5%\)/);
  });

  test("a wait saving under 1% says how much, not ~0%", () => {
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly([100, 100, 99.6, 99.6, 100, 100]) }], tasks: [task("t", { deadline: at(6) })] })[0]);
    expect(d.action).toBe("wait");
    expect(d.reason).toMatch(/saves ~0\.4%$/);
  });

  test("minSavingGrams: a small task does not wait for a fraction of a gram, a large one waits for the same share", () => {
    // 200 now, 100 from the second hour: waiting halves the carbon of a one-hour run.
    const forecasts = [{ zone: "GB", readings: halfHourly([200, 200, 100, 100, 100, 100]) }];
    const config = { minSavingGrams: 2 };
    // 15 W for an hour: 3 g now, 1.5 g from 01:00, so 1.5 g saved; at 1000 W, 100 g saved.
    const small = planned(plan({ forecasts, config, servers: [server("s1", "GB", 1, 15)], tasks: [task("t", { deadline: at(6) })] })[0]);
    expect(small.action).toBe("start_now");
    expect(small.reason).toBe("starting now on s1 (GB): waiting until 01:00 UTC would save only 1.5 g CO2e (< 2 g)");
    const large = planned(plan({ forecasts, config, servers: [server("s1", "GB", 1, 1000)], tasks: [task("t", { deadline: at(6) })] })[0]);
    expect(large.action).toBe("wait");
    expect(large.start).toEqual(at(2));
  });
});

describe("times in reasons", () => {
  // T0 is Monday 5 January 2026, 00:00 UTC.
  test("a start on the next UTC day names the day", () => {
    const now = at(44); // Mon 22:00
    const readings = halfHourly([300, 300, 300, 300, 300, 50, 40, 300, 300, 300], now.getTime());
    const d = planned(plan({ now, forecasts: [{ zone: "GB", readings }], tasks: [task("t", { queuedAt: now, deadline: at(54) })] })[0]);
    expect(d.start).toEqual(at(49));
    expect(d.reason).toBe("waiting for Tue 6 Jan 00:30 UTC on s1 (GB), forecast 45 g/kWh vs 300 now; saves ~85%");
  });

  test("a start 30 hours ahead names the day", () => {
    const values = Array.from({ length: 64 }, (_, i) => (i === 60 || i === 61 ? 40 : 300));
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly(values) }], tasks: [task("t", { deadline: at(64) })] })[0]);
    expect(d.start).toEqual(at(60));
    expect(d.reason).toBe("waiting for Tue 6 Jan 06:00 UTC on s1 (GB), forecast 40 g/kWh vs 300 now; saves ~87%");
  });

  test("threshold reasons name the day too", () => {
    const now = at(44);
    const readings = halfHourly([300, 300, 300, 300, 300, 50, 40, 300, 300, 300], now.getTime());
    const policy = { kind: "threshold", maxGPerKWh: 100 } as const;
    const d = planned(plan({ now, forecasts: [{ zone: "GB", readings }], tasks: [task("t", { policy, queuedAt: now, deadline: at(54) })] })[0]);
    expect(d.reason).toMatch(/^waiting for Tue 6 Jan 00:30 UTC, first time the forecast meets ≤ 100 g\/kWh/);
  });
});

describe("hysteresis", () => {
  const readings = halfHourly([300, 300, 300, 100, 300, 98, 300, 300]);
  const base = { forecasts: [{ zone: "GB", readings }] };

  test("keeps the previous start when the new best is only slightly better", () => {
    const t = task("t", { durationMinutes: 30, deadline: at(8), current: { serverId: "s1", start: at(3) } });
    const d = planned(plan({ ...base, tasks: [t], config: { hysteresisPercent: 5 } })[0]);
    expect(d.start).toEqual(at(3));
    expect(d.reason).toMatch(/kept the previous plan/);
  });

  test("moves when the new best is better by more than the hysteresis", () => {
    const t = task("t", { durationMinutes: 30, deadline: at(8), current: { serverId: "s1", start: at(3) } });
    const d = planned(plan({ ...base, tasks: [t], config: { hysteresisPercent: 1 } })[0]);
    expect(d.start).toEqual(at(5));
  });
});

describe("other policies", () => {
  test("run_now starts at once even when dirty", () => {
    const d = planned(plan({ tasks: [task("t", { policy: { kind: "run_now" } })] })[0]);
    expect(d.action).toBe("start_now");
  });

  test.each([
    [{ kind: "threshold", maxGPerKWh: 210 } as const, 5],
    [{ kind: "threshold", maxIndexBand: "low" } as const, 6],
    [{ kind: "threshold", maxIndexBand: "very low" } as const, 8],
  ])("threshold %o starts at the first slot meeting it", (policy, slot) => {
    const readings = halfHourly([300, 300, 300, 280, 250, 200, 50, 40, 20, 300]);
    const d = planned(plan({ forecasts: [{ zone: "GB", readings }], tasks: [task("t", { policy, deadline: at(10) })] })[0]);
    expect(d.start).toEqual(at(slot));
  });

  test("threshold never met: the deadline forces the latest start", () => {
    const d = planned(plan({ tasks: [task("t", { policy: { kind: "threshold", maxGPerKWh: 10 }, deadline: at(10) })] })[0]);
    expect(d.start).toEqual(at(8));
    expect(d.reason).toMatch(/to meet the deadline/);
    // Without a deadline it is the default window that forces it, and the reason says so.
    const windowed = planned(plan({ tasks: [task("t", { policy: { kind: "threshold", maxGPerKWh: 10 }, deadline: undefined })] })[0]);
    expect(windowed.reason).toMatch(/to finish within its 24 h window$/);
  });

  test("an unreadable deadline counts as none and plans every other task as usual", () => {
    const withUnreadable = plan({ tasks: [task("bad", { deadline: new Date(Number.NaN) }), task("good", { deadline: at(10) })] });
    const withNone = plan({ tasks: [task("bad", { deadline: undefined }), task("good", { deadline: at(10) })] });
    expect(withUnreadable.map((d) => d.action)).toEqual(withNone.map((d) => d.action));
    expect(withUnreadable.map((d) => planned(d).start)).toEqual(withNone.map((d) => planned(d).start));
  });

  test("a provider index on the reading wins over numeric bands", () => {
    const readings = halfHourly([300, 300, 300]).map((r, i) => ({ ...r, index: i === 1 ? "low" : "high" }));
    const d = planned(plan({ forecasts: [{ zone: "GB", readings }], tasks: [task("t", { policy: { kind: "threshold", maxIndexBand: "low" }, deadline: at(3) })] })[0]);
    expect(d.start).toEqual(at(1));
  });
});

describe("spatial shifting", () => {
  test("chooses server and start together across zones", () => {
    const forecasts = [
      { zone: "GB", readings: halfHourly(TROUGH) },
      { zone: "FR", readings: halfHourly([60, 60, 60, 60, 40, 60, 60, 60, 60, 60, 60, 60]) },
    ];
    const d = planned(plan({ forecasts, servers: [server("s1", "GB"), server("s2", "FR")], tasks: [task("t", { eligibleServerIds: ["s1", "s2"], deadline: at(12) })] })[0]);
    expect(d.serverId).toBe("s1");
    expect(d.start).toEqual(at(6));
    const short = planned(plan({ forecasts, servers: [server("s1", "GB"), server("s2", "FR")], tasks: [task("t", { eligibleServerIds: ["s1", "s2"], deadline: at(5) })] })[0]);
    expect(short.serverId).toBe("s2");
    expect(short.start).toEqual(at(3));
  });

  test("power draw matters: a hungrier server in the same zone loses", () => {
    const d = planned(plan({ servers: [server("s1", "GB", 1, 2000), server("s2", "GB", 1, 500)], tasks: [task("t", { eligibleServerIds: ["s1", "s2"], deadline: at(12) })] })[0]);
    expect(d.serverId).toBe("s2");
  });
});

describe("capacity and priority", () => {
  test("a server running two at once with one slot taken: the more important task gets the trough", () => {
    const tasks = [task("low", { priority: 5, deadline: at(12) }), task("high", { priority: 1, deadline: at(12) })];
    const servers = [{ ...server("s1"), maxConcurrent: 2, busy: [{ start: at(0), end: at(12) }] }];
    const [low, high] = plan({ tasks, servers }).map(planned);
    expect(high.start).toEqual(at(6));
    expect(low.start.getTime() >= at(8).getTime() || low.pieces[0].end.getTime() <= at(6).getTime()).toBe(true);
  });

  test("one task at a time: the queue runs in its greenest order, the more important task still before its deadline", () => {
    // Taking the trough first (6-8) leaves the other task 8-10; together 5-7 and 7-9 cost less.
    const tasks = [task("low", { priority: 5, deadline: at(12) }), task("high", { priority: 1, deadline: at(12) })];
    const [low, high] = plan({ tasks }).map(planned);
    const together = low.expectedCarbonG + high.expectedCarbonG;
    const greedy = plan({ tasks, servers: [{ ...server("s1"), maxConcurrent: 2, busy: [{ start: at(0), end: at(12) }] }] }).map(planned);
    expect(together).toBeLessThan(greedy[0].expectedCarbonG + greedy[1].expectedCarbonG);
    // Strict queue order, when asked for: the more important task takes the trough, as on a server running several.
    const [lowStrict, highStrict] = plan({ tasks, config: { reorderOneAtATimeQueues: false } }).map(planned);
    expect(highStrict.start).toEqual(at(6));
    expect(lowStrict.expectedCarbonG + highStrict.expectedCarbonG).toBeCloseTo(greedy[0].expectedCarbonG + greedy[1].expectedCarbonG, 9);
    expect(high.reason).toMatch(/order planned with the 1 other task queued on s1$/);
    // Deadline protection: with a deadline only one of them can meet, the more important one meets it.
    const tight = [task("low", { priority: 5, deadline: at(8) }), task("high", { priority: 1, deadline: at(8) })];
    const busy = [{ ...server("s1"), busy: [{ start: at(0), end: at(6) }] }];
    const [lowTight, highTight] = plan({ tasks: tight, servers: busy });
    expect(highTight.action).not.toBe("infeasible");
    expect(lowTight.action).toBe("infeasible");
  });

  test("a displaced task may swap with an earlier one of the same priority when that lowers total carbon", () => {
    const forecasts = [{ zone: "GB", readings: halfHourly([9, 1, 1, 50, 50, 50]) }];
    const tasks = [task("a", { durationMinutes: 30, deadline: at(4) }), task("b", { durationMinutes: 60, deadline: at(6) })];
    const [a, b] = plan({ forecasts, tasks }).map(planned);
    expect(b.start).toEqual(at(1));
    expect(a.start).toEqual(at(0));
    expect(a.expectedCarbonG + b.expectedCarbonG).toBeCloseTo(4.5 + 1, 6);
  });

  test("busy work blocks its slots", () => {
    const s = { ...server("s1"), busy: [{ start: at(5), end: at(8) }] };
    const d = planned(plan({ servers: [s], tasks: [task("t", { deadline: at(12) })] })[0]);
    expect(d.start.getTime() >= at(8).getTime() || d.pieces[0].end.getTime() <= at(5).getTime()).toBe(true);
  });

  test("no room before the deadline is infeasible", () => {
    const s = { ...server("s1"), busy: [{ start: at(0), end: at(12) }] };
    expect(plan({ servers: [s], tasks: [task("t", { deadline: at(12) })] })[0]).toMatchObject({ action: "infeasible" });
  });
});

describe("interruptible tasks", () => {
  const twoTroughs = [300, 20, 300, 300, 300, 20, 300, 300];
  const forecasts = [{ zone: "GB", readings: halfHourly(twoTroughs) }];

  test("pause through the dirty period, resume in the green one", () => {
    const t = task("t", { interruptible: true, deadline: at(8) });
    const d = planned(plan({ forecasts, tasks: [t], config: { maxPauses: 2 } })[0]);
    expect(d.pieces).toEqual([
      { start: at(1), end: at(2) },
      { start: at(5), end: at(6) },
    ]);
    expect(d.expectedCarbonG).toBeCloseTo(20, 6);
  });

  test("maxPauses 0 keeps it in one piece", () => {
    const t = task("t", { interruptible: true, deadline: at(8) });
    expect(planned(plan({ forecasts, tasks: [t], config: { maxPauses: 0 } })[0]).pieces).toHaveLength(1);
  });

  test("pausesLeft 0 keeps a resumed task in one piece", () => {
    const t = task("t", { interruptible: true, deadline: at(8), pausesLeft: 0 });
    expect(planned(plan({ forecasts, tasks: [t], config: { maxPauses: 3 } })[0]).pieces).toHaveLength(1);
  });
});

describe("missing and stale data", () => {
  test("missing forecast: start now, say so, carbon unknown", () => {
    const d = planned(plan({ forecasts: [], tasks: [task("t", { deadline: at(12) })] })[0]);
    expect(d.action).toBe("start_now");
    expect(d.reason).toMatch(/no forecast for zone GB/);
    expect(d.dataWarnings).toContain("no forecast for zone GB");
    expect(d.expectedCarbonG).toBeNaN();
  });

  test("run_now on a zone without data still reports unknown carbon", () => {
    const d = planned(plan({ forecasts: [], tasks: [task("t", { policy: { kind: "run_now" } })] })[0]);
    expect(d.action).toBe("start_now");
    expect(d.expectedCarbonG).toBeNaN();
    expect(d.dataWarnings).toContain("no forecast for zone GB");
  });

  test("a zone without data is only a fallback when another has data", () => {
    const servers = [server("s1", "GB"), server("s2", "XX")];
    const d = planned(plan({ servers, tasks: [task("t", { eligibleServerIds: ["s1", "s2"], deadline: at(12) })] })[0]);
    expect(d.serverId).toBe("s1");
    expect(d.dataWarnings).toContain("no forecast for zone XX");
  });

  test("stale forecast is used and flagged", () => {
    const staleSince = at(-10);
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly(TROUGH), stale: true, staleSince }], tasks: [task("t", { deadline: at(12) })] })[0]);
    expect(d.start).toEqual(at(6));
    expect(d.dataWarnings[0]).toBe("forecast for zone GB is stale since Sun 4 Jan 19:00 UTC; using the last readings received");
  });

  test("beyond the horizon the last value persists, and the warning says so", () => {
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly([300, 300, 100]) }], tasks: [task("t", { durationMinutes: 120, deadline: at(20) })] })[0]);
    expect(d.start).toEqual(at(2));
    expect(d.expectedCarbonG).toBeCloseTo(200, 6);
    expect(d.dataWarnings.some((w) => w.includes("last value assumed after"))).toBe(true);
  });

  test("a forecast that ended before now counts as missing", () => {
    const d = planned(plan({ forecasts: [{ zone: "GB", readings: halfHourly([50, 50], at(-4).getTime()) }], tasks: [task("t", { deadline: at(12) })] })[0]);
    expect(d.reason).toMatch(/no forecast/);
  });

  test("now in the middle of a slot: the start is now, the integral is exact", () => {
    const now = new Date(at(0).getTime() + 15 * 60_000);
    const d = planned(plan({ now, forecasts: [{ zone: "GB", readings: halfHourly([100, 200, 300]) }], tasks: [task("t", { deadline: new Date(now.getTime() + 3_600_000) })] })[0]);
    expect(d.start).toEqual(now);
    expect(d.expectedCarbonG).toBeCloseTo(100 / 4 + 200 / 2 + 300 / 4, 6);
  });
});
