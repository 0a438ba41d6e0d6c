import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { effectiveDeadlineMs } from "./decide-task";
import { planTick } from "./plan-tick";
import { HALF_HOUR, T0, baseConfig, halfHourly } from "./test-helpers";
import type { Decision, PlannerServer, PlannerTask, PlanTickInput } from "./types";

const ZONES = ["GB", "DE"];

const arbInput: fc.Arbitrary<PlanTickInput> = fc
  .record({
    nowOffset: fc.integer({ min: 0, max: 29 }),
    curves: fc.tuple(...ZONES.map(() => fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 20, maxLength: 60 }))),
    servers: fc.array(fc.record({ zone: fc.constantFrom(...ZONES), maxConcurrent: fc.integer({ min: 1, max: 2 }), powerWatts: fc.integer({ min: 100, max: 3000 }), busy: fc.option(fc.tuple(fc.integer({ min: -4, max: 10 }), fc.integer({ min: 1, max: 8 }))) }), { minLength: 1, maxLength: 3 }),
    tasks: fc.array(
      fc.record({
        duration: fc.integer({ min: 1, max: 300 }),
        slack: fc.option(fc.integer({ min: -60, max: 1200 })),
        priority: fc.integer({ min: 0, max: 3 }),
        policy: fc.constantFrom<PlannerTask["policy"]>({ kind: "greenest" }, { kind: "run_now" }, { kind: "threshold", maxGPerKWh: 150 }, { kind: "threshold", maxIndexBand: "low" }),
        servers: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        interruptible: fc.boolean(),
        current: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 30 }))),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    // Optional forecast uncertainty: a flat prior per zone and a lead-dependent error, so every
    // property below also covers the shrinkage path.
    uncertainty: fc.option(fc.record({ prior: fc.integer({ min: 0, max: 500 }), sd: fc.integer({ min: 0, max: 200 }), error: fc.integer({ min: 0, max: 200 }) })),
    config: fc.record({ minSavingPercent: fc.constantFrom(0, 5), minSavingGrams: fc.constantFrom(0, 1, 50), hysteresisPercent: fc.constantFrom(0, 3), maxPauses: fc.integer({ min: 0, max: 3 }) }),
  })
  .map((r) => {
    const now = new Date(T0 + r.nowOffset * 60_000);
    const servers: PlannerServer[] = r.servers.map((s, i) => ({
      id: `s${i}`,
      zone: s.zone,
      maxConcurrent: s.maxConcurrent,
      powerWatts: s.powerWatts,
      busy: s.busy ? [{ start: new Date(T0 + s.busy[0] * HALF_HOUR), end: new Date(T0 + (s.busy[0] + s.busy[1]) * HALF_HOUR) }] : [],
    }));
    const tasks: PlannerTask[] = r.tasks.map((t, i) => ({
      id: `t${i}`,
      durationMinutes: t.duration,
      deadline: t.slack === null ? undefined : new Date(now.getTime() + (t.duration + t.slack) * 60_000),
      priority: t.priority,
      policy: t.policy,
      eligibleServerIds: t.servers.map((k) => `s${k % servers.length}`),
      interruptible: t.interruptible,
      queuedAt: now,
      current: t.current ? { serverId: `s${t.current[0] % servers.length}`, start: new Date(T0 + t.current[1] * HALF_HOUR) } : undefined,
    }));
    const u = r.uncertainty;
    const prior = u ? halfHourly(Array(60).fill(u.prior)).map((p) => ({ start: p.start, end: p.end, gCO2PerKWh: u.prior, sdGPerKWh: u.sd })) : undefined;
    const forecasts = ZONES.map((zone, i) => ({ zone, readings: halfHourly(r.curves[i]), prior }));
    const forecastErrorSd = u ? [{ fromLeadMinutes: 0, sdGPerKWh: u.error / 4 }, { fromLeadMinutes: 360, sdGPerKWh: u.error }] : undefined;
    return { now, tasks, servers, forecasts, config: { ...baseConfig, ...r.config, forecastErrorSd } };
  });

function planned(ds: Decision[]) {
  return ds.flatMap((d) => (d.action === "infeasible" ? [] : [d]));
}

describe("planTick properties", () => {
  test("deadlines are met, pieces are sane", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const byId = new Map(input.tasks.map((t) => [t.id, t]));
        for (const d of planned(planTick(input))) {
          const t = byId.get(d.taskId)!;
          const total = d.pieces.reduce((s, p) => s + p.end.getTime() - p.start.getTime(), 0);
          expect(Math.abs(total - t.durationMinutes * 60_000)).toBeLessThan(2);
          expect(d.pieces.at(-1)!.end.getTime()).toBeLessThanOrEqual(effectiveDeadlineMs(t, input.config) + 1);
          expect(d.pieces[0].start.getTime()).toBeGreaterThanOrEqual(input.now.getTime());
          expect(d.pieces.length).toBeLessThanOrEqual(input.config.maxPauses + 1);
          for (let i = 1; i < d.pieces.length; i++) expect(d.pieces[i].start.getTime()).toBeGreaterThan(d.pieces[i - 1].end.getTime());
          expect(d.action === "start_now").toBe(d.start.getTime() === input.now.getTime());
          expect(t.eligibleServerIds).toContain(d.serverId);
        }
      }),
      { numRuns: 400 },
    );
  });

  test("capacity is never exceeded", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const decisions = planned(planTick(input));
        for (const s of input.servers) {
          const intervals = [
            ...s.busy.map((b) => [Math.max(b.start.getTime(), input.now.getTime()), b.end.getTime()]),
            ...decisions.filter((d) => d.serverId === s.id).flatMap((d) => d.pieces.map((p) => [p.start.getTime(), p.end.getTime()])),
          ].filter(([a, b]) => b > a);
          for (const [a] of intervals) {
            const overlapping = intervals.filter(([x, y]) => x <= a && a < y).length;
            expect(overlapping).toBeLessThanOrEqual(s.maxConcurrent);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  test("a task feasible on its own is planned on its own; less important tasks never push a more important one out", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const all = planTick(input);
        const top = Math.min(...input.tasks.map((t) => t.priority));
        const important = input.tasks.filter((t) => t.priority === top);
        const alone = planTick({ ...input, tasks: important });
        const oneAtATime = new Set(input.servers.filter((s) => s.maxConcurrent === 1).map((s) => s.id));
        for (const d of alone) {
          const withAll = all.find((x) => x.taskId === d.taskId)!;
          // Planned alone, planned with everything (before its deadline: the first property).
          if (d.action !== "infeasible") expect(withAll.action).not.toBe("infeasible");
          // Only a one-at-a-time server's queue may be reordered for less carbon in all.
          if (d.action !== "infeasible" && !oneAtATime.has(d.serverId)) expect(withAll).toEqual(d);
        }
        for (const t of input.tasks) {
          const solo = planTick({ ...input, tasks: [t], servers: input.servers.map((s) => ({ ...s, busy: [] })) })[0];
          const feasible = effectiveDeadlineMs(t, input.config) - input.now.getTime() >= t.durationMinutes * 60_000;
          expect(solo.action === "infeasible").toBe(!feasible);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("deterministic and independent of input order", () => {
    fc.assert(
      fc.property(arbInput, fc.integer(), (input, seed) => {
        const a = planTick(input);
        expect(planTick(input)).toEqual(a);
        const shuffle = <T,>(xs: T[]) => xs.map((x, i) => [x, (i * 7919 + seed) % 1009] as const).sort((p, q) => p[1] - q[1]).map((p) => p[0]);
        const b = planTick({ ...input, tasks: shuffle(input.tasks), servers: shuffle(input.servers), forecasts: shuffle(input.forecasts) });
        for (const d of a) expect(b.find((x) => x.taskId === d.taskId)).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  test("a single task gets the optimal window (brute force over all starts)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 48, maxLength: 48 }),
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 0, max: 900 }),
        (curve, nowMin, duration, slack) => {
          const now = T0 + nowMin * 60_000;
          const deadline = now + (duration + slack) * 60_000;
          const decision = planTick({
            now: new Date(now),
            tasks: [{ id: "t", durationMinutes: duration, deadline: new Date(deadline), priority: 0, policy: { kind: "greenest" }, eligibleServerIds: ["s"], interruptible: false, queuedAt: new Date(now) }],
            servers: [{ id: "s", zone: "GB", maxConcurrent: 1, powerWatts: 1000, busy: [] }],
            forecasts: [{ zone: "GB", readings: halfHourly(curve) }],
            config: baseConfig,
          })[0];
          // Independent integral: minute by minute over the raw readings.
          const carbon = (start: number) => {
            let g = 0;
            for (let m = 0; m < duration; m++) g += curve[Math.floor((start + m * 60_000 - T0) / HALF_HOUR)] / 60;
            return g;
          };
          const starts = [now];
          for (let s = T0 + HALF_HOUR; s + duration * 60_000 <= deadline; s += HALF_HOUR) starts.push(s);
          const best = Math.min(...starts.map(carbon));
          if (decision.action === "infeasible") return false;
          expect(decision.expectedCarbonG).toBeCloseTo(carbon(decision.start.getTime()), 6);
          expect(decision.expectedCarbonG).toBeLessThanOrEqual(best + 1e-6);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
