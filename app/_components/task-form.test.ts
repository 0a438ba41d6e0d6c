import { describe, expect, it } from "vitest";
import { toPayload } from "@/app/_components/task-form";
import { DEADLINE_MESSAGES } from "@/lib/validation/task";

const now = new Date("2026-01-01T00:00:00Z");
const values = { name: "t", serverId: "s1", command: "true", workingDirectory: "~", expectedDurationMinutes: "60", maxRetries: "0", carbonPolicy: "greenest" };

describe("task form payload", () => {
  it.each([
    ["a 5-digit year", "10000-01-01T00:00", DEADLINE_MESSAGES.tooFar],
    ["a 6-digit year", "275760-09-13T00:00", DEADLINE_MESSAGES.tooFar],
    ["a year after next", "2027-06-01T00:00", DEADLINE_MESSAGES.tooFar],
    ["a malformed value", "2026-13-45T99:99", DEADLINE_MESSAGES.invalid],
  ])("shows %s as an error on the deadline field instead of throwing", (_label, deadline, message) => {
    expect(toPayload({ ...values, deadline }, false, now).fields).toEqual({ deadline: [message] });
  });

  it("sends a deadline within a year as ISO, and none as null", () => {
    const local = "2026-03-01T12:30";
    expect(toPayload({ ...values, deadline: local }, false, now)).toEqual({
      payload: expect.objectContaining({ deadline: new Date(local).toISOString(), expectedDurationMinutes: 60, interruptible: false }),
    });
    expect(toPayload(values, true, now).payload).toMatchObject({ deadline: null, description: "", timeoutMinutes: null, carbonThresholdGPerKwh: null, carbonIndexBand: null });
  });

  it("reports a half-typed deadline (the form marks it) instead of dropping it", () => {
    expect(toPayload({ name: "x", deadline: "incomplete" }, false).fields).toEqual({ deadline: [DEADLINE_MESSAGES.invalid] });
  });
});
