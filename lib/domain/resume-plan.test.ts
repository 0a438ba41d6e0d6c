import { describe, expect, it } from "vitest";
import type { Decision } from "@/lib/domain/planner";
import type { StoredTask } from "@/lib/domain/planning-input";
import { type InterruptedRun, pastPieceEnd, RESUME_PRIORITY, remainingMinutes, resumePlanOf, toResumeTask } from "@/lib/domain/resume-plan";

const NOW = new Date("2026-03-01T12:10:00Z");
const at = (hhmm: string, day = "01") => new Date(`2026-03-${day}T${hhmm}:00Z`);
const CONFIG = { maxPauses: 4, defaultWindowHours: 24 };
// Server ids are cuids; reasons name servers by their names.
const GPU = "ckgpuserver0000000000001";

const stored: StoredTask = {
  id: "task-1",
  organisationId: "org",
  serverId: "srv-home",
  position: 0,
  createdAt: at("08:00"),
  expectedDurationMinutes: 240,
  deadline: at("23:00"),
  carbonPolicy: "greenest",
  carbonThresholdGPerKwh: null,
  carbonIndexBand: null,
  interruptible: true,
  eligibleServerTags: ["gpu"],
  plannedStart: at("09:00"),
  plannedServerId: GPU,
};

function paused(over: Partial<InterruptedRun> = {}, task: Partial<InterruptedRun["task"]> = {}): InterruptedRun {
  return {
    runId: "run-1",
    status: "paused",
    serverId: GPU,
    queuedAt: at("08:00"),
    task: {
      ...stored,
      planReason: "running in 3 pieces",
      plannedPieces: [{ start: "2026-03-01T09:00:00.000Z", end: "2026-03-01T10:00:00.000Z" }, { start: "2026-03-01T14:00:00.000Z", end: "2026-03-01T17:00:00.000Z" }],
      ...task,
    },
    // Ran 09:00-10:00 and 11:00-11:30: 90 of its 240 minutes, paused twice.
    pieces: [
      { startedAt: at("09:00"), endedAt: at("10:00") },
      { startedAt: at("11:00"), endedAt: at("11:30") },
    ],
    ...over,
  };
}

describe("planning a paused run again", () => {
  it("plans what is left, on the server it is paused on, ahead of waiting tasks, with the pauses it has left", () => {
    expect(toResumeTask(paused(), CONFIG, NOW)).toEqual({
      id: "task-1",
      durationMinutes: 150,
      deadline: at("23:00"),
      priority: RESUME_PRIORITY,
      policy: { kind: "greenest" },
      eligibleServerIds: [GPU],
      interruptible: true,
      queuedAt: at("08:00"),
      // The next planned piece is last tick's plan, for hysteresis.
      current: { serverId: GPU, start: at("14:00") },
      pausesLeft: 2,
    });
    expect(toResumeTask(paused(), { ...CONFIG, maxPauses: 1 }, NOW).pausesLeft).toBe(0);
  });

  it("takes last tick's plan as now when its piece has begun but the run has not resumed yet", () => {
    const begun = paused({}, { plannedPieces: [{ start: "2026-03-01T12:00:00.000Z", end: "2026-03-01T14:30:00.000Z" }] });
    expect(toResumeTask(begun, CONFIG, NOW).current).toEqual({ serverId: GPU, start: NOW });
    expect(toResumeTask(paused({}, { plannedPieces: null }), CONFIG, NOW).current).toBeUndefined();
    expect(toResumeTask(paused({}, { plannedPieces: [{ start: "oops" }] }), CONFIG, NOW).current).toBeUndefined();
  });

  it("gives a task without deadline its window from when the run was asked for, and never less time than the rest needs", () => {
    // A retry claimed at 11:00: 24 h and the whole 240 min from then.
    const retry = paused({ queuedAt: at("11:00") }, { deadline: null });
    expect(toResumeTask(retry, CONFIG, NOW).deadline).toEqual(new Date(at("11:00").getTime() + (24 * 60 + 240) * 60_000));
    // Past its deadline: due as soon as the rest can be done, so it resumes now rather than never.
    const late = paused({}, { deadline: at("12:00") });
    expect(toResumeTask(late, CONFIG, NOW).deadline).toEqual(new Date(NOW.getTime() + 150 * 60_000));
  });

  it("plans a run whose stored deadline cannot be read as one without a deadline", () => {
    // A year-10000 deadline stored before validation bounded it reads back as an invalid date.
    const unreadable = paused({ queuedAt: at("11:00") }, { deadline: new Date(Number.NaN) });
    expect(toResumeTask(unreadable, CONFIG, NOW).deadline).toEqual(new Date(at("11:00").getTime() + (24 * 60 + 240) * 60_000));
  });

  it("counts at least a minute for a run past its estimate", () => {
    expect(remainingMinutes(paused({ pieces: [{ startedAt: at("06:00"), endedAt: at("11:00") }] }), NOW)).toBe(1);
    expect(remainingMinutes(paused({ pieces: [{ startedAt: at("11:00"), endedAt: at("11:00") }, { startedAt: at("11:30"), endedAt: null }] }), NOW)).toBe(240 - 40);
  });

  it("stores the planner's pieces and reason when they changed, and keeps the plan when there is no room", () => {
    const decision: Decision = {
      taskId: "task-1",
      serverId: GPU,
      action: "wait",
      start: at("13:00"),
      pieces: [{ start: at("13:00"), end: at("14:00") }, { start: at("15:00"), end: at("16:30") }],
      expectedCarbonG: 10,
      counterfactualCarbonG: 20,
      savingPercent: 50,
      reason: `running in 2 pieces from 13:00 UTC on ${GPU} (GB)`,
      dataWarnings: [],
    };
    const names = new Map([[GPU, "gpu-1"]]);
    const plan = resumePlanOf(decision, paused(), names)!;
    expect(plan).toEqual({
      taskId: "task-1",
      runId: "run-1",
      runStatus: "paused",
      reason: "running in 2 pieces from 13:00 UTC on gpu-1 (GB)",
      pieces: [
        { start: "2026-03-01T13:00:00.000Z", end: "2026-03-01T14:00:00.000Z" },
        { start: "2026-03-01T15:00:00.000Z", end: "2026-03-01T16:30:00.000Z" },
      ],
    });
    // Already what it follows (jsonb may have reordered the keys): nothing to write.
    const following = paused({}, { plannedPieces: plan.pieces.map((p) => ({ end: p.end, start: p.start })), planReason: plan.reason });
    expect(resumePlanOf(decision, following, names)).toBeUndefined();
    expect(resumePlanOf({ taskId: "task-1", action: "infeasible", reason: "no capacity on any eligible server before the deadline" }, paused(), names)).toBeUndefined();
  });

  it("plans a running run again once its piece is over, before it pauses, keeping a pause for the gap", () => {
    // Ran 09:00-10:00, paused, and has run since 11:00 in a piece planned to end at 12:00.
    const running = paused(
      { status: "running", pieces: [{ startedAt: at("09:00"), endedAt: at("10:00") }, { startedAt: at("11:00"), endedAt: null }] },
      { plannedPieces: [{ start: "2026-03-01T11:00:00.000Z", end: "2026-03-01T12:00:00.000Z" }, { start: "2026-03-01T14:00:00.000Z", end: "2026-03-01T16:00:00.000Z" }] },
    );
    expect(pastPieceEnd(running, at("11:59"))).toBe(false);
    expect(pastPieceEnd(running, NOW)).toBe(true);
    // A paused run is planned again anyway; a run in its last piece runs to the end.
    expect(pastPieceEnd({ ...running, status: "paused" }, NOW)).toBe(false);
    expect(pastPieceEnd(running, at("15:00"))).toBe(false);
    expect(pastPieceEnd(paused({ status: "running" }, { interruptible: false }), NOW)).toBe(false);
    // 130 of 240 minutes done by 12:10; one pause taken, one kept for the gap a later start makes.
    expect(toResumeTask(running, CONFIG, NOW)).toMatchObject({ durationMinutes: 110, pausesLeft: 2, current: { serverId: GPU, start: at("14:00") } });
    const decision: Decision = {
      taskId: "task-1",
      serverId: GPU,
      action: "start_now",
      start: NOW,
      pieces: [{ start: NOW, end: at("15:00") }],
      expectedCarbonG: 10,
      counterfactualCarbonG: 10,
      savingPercent: 0,
      reason: `starting now on ${GPU} (GB)`,
      dataWarnings: [],
    };
    const names = new Map([[GPU, "gpu-1"]]);
    expect(resumePlanOf(decision, running, names)).toEqual({ taskId: "task-1", runId: "run-1", runStatus: "running", reason: "continuing on gpu-1 (GB)", pieces: [{ start: NOW.toISOString(), end: "2026-03-01T15:00:00.000Z" }] });
    expect(resumePlanOf(decision, paused(), names)?.reason).toBe("resuming now on gpu-1 (GB)");
  });
});
