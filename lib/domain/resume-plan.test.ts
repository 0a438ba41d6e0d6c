import { describe, expect, it } from "vitest";
import type { Decision } from "@/lib/domain/planner";
import type { StoredTask } from "@/lib/domain/planning-input";
import { type PausedRun, RESUME_PRIORITY, remainingMinutes, resumePieces, toResumeTask } from "@/lib/domain/resume-plan";

const NOW = new Date("2026-03-01T12:10:00Z");
const at = (iso: string) => new Date(`2026-03-01T${iso}:00Z`);

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
  plannedServerId: "srv-gpu",
};

function paused(over: Partial<PausedRun> = {}): PausedRun {
  return {
    runId: "run-1",
    serverId: "srv-gpu",
    task: { ...stored, planReason: "running in 3 pieces", plannedPieces: [{ start: "2026-03-01T09:00:00.000Z", end: "2026-03-01T10:00:00.000Z" }, { start: "2026-03-01T14:00:00.000Z", end: "2026-03-01T17:00:00.000Z" }] },
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
    expect(toResumeTask(paused(), 4, NOW)).toEqual({
      id: "task-1",
      durationMinutes: 150,
      deadline: at("23:00"),
      priority: RESUME_PRIORITY,
      policy: { kind: "greenest" },
      eligibleServerIds: ["srv-gpu"],
      interruptible: true,
      queuedAt: at("08:00"),
      // The next planned piece is last tick's plan, for hysteresis.
      current: { serverId: "srv-gpu", start: at("14:00") },
      pausesLeft: 2,
    });
    expect(toResumeTask(paused(), 1, NOW).pausesLeft).toBe(0);
    expect(toResumeTask(paused({ task: { ...paused().task, plannedPieces: null } }), 4, NOW).current).toBeUndefined();
  });

  it("counts at least a minute for a run past its estimate", () => {
    expect(remainingMinutes(paused({ pieces: [{ startedAt: at("06:00"), endedAt: at("11:00") }] }), NOW)).toBe(1);
    expect(remainingMinutes(paused({ pieces: [{ startedAt: at("11:00"), endedAt: at("11:00") }, { startedAt: at("11:30"), endedAt: null }] }), NOW)).toBe(240 - 40);
  });

  it("follows the planner's pieces, or resumes now for the rest when the run no longer fits", () => {
    const decision: Decision = {
      taskId: "task-1",
      serverId: "srv-gpu",
      action: "wait",
      start: at("13:00"),
      pieces: [{ start: at("13:00"), end: at("14:00") }, { start: at("15:00"), end: at("16:30") }],
      expectedCarbonG: 10,
      counterfactualCarbonG: 20,
      savingPercent: 50,
      reason: "running in 2 pieces",
      dataWarnings: [],
    };
    expect(resumePieces(decision, paused(), NOW)).toEqual([
      { start: "2026-03-01T13:00:00.000Z", end: "2026-03-01T14:00:00.000Z" },
      { start: "2026-03-01T15:00:00.000Z", end: "2026-03-01T16:30:00.000Z" },
    ]);
    expect(resumePieces({ taskId: "task-1", action: "infeasible", reason: "deadline cannot be met" }, paused(), NOW)).toEqual([
      { start: NOW.toISOString(), end: new Date(NOW.getTime() + 150 * 60_000).toISOString() },
    ]);
  });
});
