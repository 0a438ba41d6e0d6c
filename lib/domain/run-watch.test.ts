import { describe, expect, it } from "vitest";
import { activeSeconds, decideWatch, finalRunStatus, REPLAN_GRACE_MS, taskStatusAfterRun, type WatchInput } from "@/lib/domain/run-watch";

const base: WatchInput = {
  now: new Date("2026-01-01T01:00:00Z"),
  startedAt: new Date("2026-01-01T00:00:00Z"),
  pausedSeconds: 0,
  timeoutMinutes: null,
  cancelRequested: false,
  insidePlannedPiece: null,
  sincePieceEndMs: null,
  replannedSincePieceEnd: false,
  storedPaused: false,
  observed: { state: "running", paused: false },
};

describe("decideWatch", () => {
  it.each([
    ["an exit is finalised", { observed: { state: "exited", exitCode: 3 } }, { kind: "finalize", exitCode: 3, reason: "exited" }],
    ["a vanished process is lost", { observed: { state: "lost" } }, { kind: "finalize", exitCode: null, reason: "lost" }],
    ["cancel kills", { cancelRequested: true }, { kind: "kill", because: "cancelled" }],
    ["over the timeout kills", { timeoutMinutes: 59 }, { kind: "kill", because: "timed_out" }],
    ["paused time does not count toward the timeout", { timeoutMinutes: 59, pausedSeconds: 600 }, { kind: "continue" }],
    ["outside a planned piece pauses", { insidePlannedPiece: false }, { kind: "pause" }],
    ["just past a piece planned before it ended, asks for a new plan first", { insidePlannedPiece: false, sincePieceEndMs: 5000 }, { kind: "replan" }],
    ["just past a piece, once the tick has kept the stored plan, pauses at once", { insidePlannedPiece: false, sincePieceEndMs: 5000, replannedSincePieceEnd: true }, { kind: "pause" }],
    ["past a piece longer than the grace, pauses on the old plan", { insidePlannedPiece: false, sincePieceEndMs: REPLAN_GRACE_MS }, { kind: "pause" }],
    ["a paused run past its piece stays paused", { insidePlannedPiece: false, sincePieceEndMs: 5000, storedPaused: true, observed: { state: "running", paused: true } }, { kind: "continue" }],
    ["inside a piece resumes a paused run", { insidePlannedPiece: true, observed: { state: "running", paused: true } }, { kind: "resume" }],
    ["a run stored as paused but running inside its piece is recorded as running", { insidePlannedPiece: true, storedPaused: true }, { kind: "record", paused: false }],
    ["a run stored as running but stopped outside its piece is recorded as paused", { insidePlannedPiece: false, observed: { state: "running", paused: true } }, { kind: "record", paused: true }],
    ["a run stored as paused but running outside its piece is paused", { insidePlannedPiece: false, storedPaused: true }, { kind: "pause" }],
    ["a paused run stored as paused outside its piece stays paused", { insidePlannedPiece: false, storedPaused: true, observed: { state: "running", paused: true } }, { kind: "continue" }],
    ["cancel wins over pausing", { cancelRequested: true, insidePlannedPiece: false }, { kind: "kill", because: "cancelled" }],
  ] as [string, Partial<WatchInput>, unknown][])("%s", (_name, patch, expected) => {
    expect(decideWatch({ ...base, ...patch })).toEqual(expected);
  });

  it("counts active seconds", () => {
    expect(activeSeconds({ ...base, pausedSeconds: 100 })).toBe(3500);
  });
});

describe("run and task outcomes", () => {
  it.each([
    [0, null, false, "succeeded"],
    [2, null, false, "failed"],
    [137, "timed_out", false, "timed_out"],
    [143, "cancelled", false, "cancelled"],
    [null, null, true, "lost"],
  ] as const)("exit %s, killed %s, lost %s → %s", (code, killed, lost, expected) => {
    expect(finalRunStatus(code, killed, lost)).toBe(expected);
  });

  it.each([
    ["succeeded", 1, 0, "succeeded"],
    ["failed", 1, 0, "failed"],
    ["failed", 1, 2, "queued"],
    ["failed", 2, 2, "queued"],
    ["failed", 3, 2, "failed"],
    ["timed_out", 1, 1, "queued"],
    ["cancelled", 1, 5, "cancelled"],
  ] as const)("%s run, attempt %i of %i retries → task %s", (run, attempt, retries, expected) => {
    expect(taskStatusAfterRun(run, attempt, retries)).toBe(expected);
  });
});
