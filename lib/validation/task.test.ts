import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/validation/parse";
import { DEADLINE_MESSAGES, deadlineProblem, MAX_DEADLINE_AHEAD_MS, taskEditBlockedReason, ZTaskInput, ZTaskPolicy, ZTaskUpdate } from "@/lib/validation/task";

const valid = { serverId: "s1", name: "t", workingDirectory: "/", command: "true", expectedDurationMinutes: 30 };

/** The field errors ZTaskInput gives for `valid` with `over` applied. */
function errorsOf(over: Record<string, unknown>) {
  const result = ZTaskInput.safeParse({ ...valid, ...over });
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe("task deadline", () => {
  it.each([
    ["a 5-digit year", "+010000-01-01T00:00:00Z", DEADLINE_MESSAGES.tooFar],
    ["epoch milliseconds in year 5138", 99999999999999, DEADLINE_MESSAGES.tooFar],
    ["two years ahead", new Date(Date.now() + 2 * 366 * 86_400_000).toISOString(), DEADLINE_MESSAGES.tooFar],
    ["text", "tomorrow", DEADLINE_MESSAGES.invalid],
    ["an empty string", "", DEADLINE_MESSAGES.invalid],
    ["a number too large for a date", 1e300, DEADLINE_MESSAGES.invalid],
    ["an invalid date object", new Date(Number.NaN), DEADLINE_MESSAGES.invalid],
  ])("refuses %s with a message on the deadline field", (_label, deadline, message) => {
    expect(errorsOf({ deadline })).toEqual({ deadline: [message] });
    expect(ZTaskUpdate.safeParse({ deadline }).success).toBe(false);
  });

  it("accepts a deadline within a year, and none", () => {
    const inAMonth = new Date(Date.now() + 30 * 86_400_000);
    expect(ZTaskInput.parse({ ...valid, deadline: inAMonth.toISOString() }).deadline).toEqual(inAMonth);
    expect(ZTaskInput.parse({ ...valid, deadline: null }).deadline).toBeNull();
    expect(ZTaskInput.parse(valid).deadline).toBeUndefined();
  });

  it("bounds the deadline relative to the clock it is given", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(deadlineProblem(new Date(now.getTime() + MAX_DEADLINE_AHEAD_MS), now)).toBeUndefined();
    expect(deadlineProblem(new Date("2027-01-01T00:00:00Z"), now)).toBeUndefined(); // same day next year
    expect(deadlineProblem(new Date(now.getTime() + MAX_DEADLINE_AHEAD_MS + 1), now)).toBe(DEADLINE_MESSAGES.tooFar);
    expect(deadlineProblem(new Date(Number.NaN), now)).toBe(DEADLINE_MESSAGES.invalid);
  });
});

describe("numeric task fields speak to people", () => {
  const duration = "Expected duration must be a whole number of minutes from 1 to 20160 (14 days)";
  const timeout = "Timeout must be a whole number of minutes from 1 to 20160 (14 days), or left empty";
  const threshold = "Threshold must be a number of gCO2/kWh above 0 and at most 2000";
  const retries = "Max retries must be a whole number from 0 to 10";
  const unitCount = "Functional unit count must be a number above 0";
  it.each([
    ["expectedDurationMinutes", 20161, duration],
    ["expectedDurationMinutes", 1.5, duration],
    ["expectedDurationMinutes", 0, duration],
    ["expectedDurationMinutes", -3, duration],
    ["expectedDurationMinutes", "abc", duration],
    ["timeoutMinutes", 0, timeout],
    ["timeoutMinutes", 20161, timeout],
    ["timeoutMinutes", 2.5, timeout],
    ["carbonThresholdGPerKwh", 0, threshold],
    ["carbonThresholdGPerKwh", -1, threshold],
    ["carbonThresholdGPerKwh", 2001, threshold],
    ["carbonThresholdGPerKwh", "lots", threshold],
    ["maxRetries", 11, retries],
    ["maxRetries", -1, retries],
    ["maxRetries", 0.5, retries],
    ["functionalUnitCount", 0, unitCount],
  ])("%s = %j", (field, value, message) => {
    expect(errorsOf({ [field]: value })).toEqual({ [field]: [message] });
    expect(errorsOf({ [field]: value })[field]?.[0]).not.toMatch(/^(Too (big|small)|Invalid input)/);
  });

  it("keeps optional numbers clearable", () => {
    expect(ZTaskUpdate.parse({ timeoutMinutes: null, carbonThresholdGPerKwh: null, functionalUnitCount: null })).toEqual({
      timeoutMinutes: null,
      carbonThresholdGPerKwh: null,
      functionalUnitCount: null,
    });
  });
});

describe("task policy", () => {
  it("a threshold policy needs a threshold or a band, on a whole task", () => {
    expect(errorsOf({ carbonPolicy: "threshold" })).toEqual({ carbonThresholdGPerKwh: ["Give a threshold in g/kWh or an index band"] });
    expect(ZTaskPolicy.safeParse({ carbonPolicy: "threshold", carbonThresholdGPerKwh: null, carbonIndexBand: null }).success).toBe(false);
    expect(ZTaskPolicy.safeParse({ carbonPolicy: "threshold", carbonThresholdGPerKwh: null, carbonIndexBand: "low" }).success).toBe(true);
  });

  it("a patch alone is not judged on cross-field rules (updateTask checks the merged task)", () => {
    expect(ZTaskUpdate.parse({ carbonPolicy: "threshold" })).toEqual({ carbonPolicy: "threshold" });
  });
});

describe("which tasks can be edited", () => {
  it.each(["queued", "planned"])("%s: yes", (status) => expect(taskEditBlockedReason(status)).toBeNull());
  it.each(["running", "paused", "succeeded", "failed", "cancelled"])("%s: no, and it says why", (status) => {
    expect(taskEditBlockedReason(status)).toMatch(new RegExp(`^This task has (started|finished) \\(${status}\\), so it cannot be edited`));
  });
});
