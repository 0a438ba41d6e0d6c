import { describe, expect, it } from "vitest";
import { localiseReasonTimes } from "@/lib/domain/reason-times";

const MONDAY_MORNING = new Date("2026-01-05T10:00:00Z");

describe("localiseReasonTimes", () => {
  it.each([
    ["a time on the day of writing", "waiting for 22:00 UTC on gpu-1 (uk:national), forecast 40 g/kWh vs 212 now; saves ~81%", "Europe/Berlin", "waiting for 23:00 CET on gpu-1 (uk:national), forecast 40 g/kWh vs 212 now; saves ~81%"],
    ["a time that is the next day where the viewer is", "waiting for 23:30 UTC on s1 (GB)", "Europe/Berlin", "waiting for Tue 6 Jan 00:30 CET on s1 (GB)"],
    ["a dated time", "waiting for Tue 6 Jan 00:30 UTC on s1 (GB)", "Europe/Berlin", "waiting for Tue 6 Jan 01:30 CET on s1 (GB)"],
    ["a dated time that is the viewer's day of writing", "waiting for Tue 6 Jan 00:30 UTC on s1 (GB)", "Asia/Tokyo", "waiting for Tue 6 Jan 09:30 GMT+9 on s1 (GB)"],
    ["London in winter", "running in 2 pieces from 12:00 UTC", "Europe/London", "running in 2 pieces from 12:00 GMT"],
    ["every time in the reason", "threshold (≤ 100 g/kWh) not met before the latest start; starting at 05:00 UTC to meet the deadline; kept 04:30 UTC", "America/New_York", "threshold (≤ 100 g/kWh) not met before the latest start; starting at 00:00 GMT-5 to meet the deadline; kept Sun 4 Jan 23:30 GMT-5"],
  ])("rewrites %s", (_what, reason, zone, expected) => {
    expect(localiseReasonTimes(reason, MONDAY_MORNING, zone)).toBe(expected);
  });

  it("takes a dated time in the year nearest the writing, across New Year", () => {
    expect(localiseReasonTimes("waiting for Fri 1 Jan 02:00 UTC", new Date("2026-12-31T20:00:00Z"), "Europe/Berlin")).toBe("waiting for Fri 1 Jan 03:00 CET");
  });

  it("follows daylight saving at the time named, not at the time of writing", () => {
    // Written the day before the EU clocks go forward (Sun 29 Mar 2026, 01:00 UTC).
    expect(localiseReasonTimes("waiting for Sun 29 Mar 02:00 UTC", new Date("2026-03-28T12:00:00Z"), "Europe/Berlin")).toBe("waiting for Sun 29 Mar 04:00 CEST");
  });

  it("leaves the reason as written for a UTC viewer, an unknown zone, a bad date or text without times", () => {
    const reason = "waiting for 22:00 UTC on s1 (GB)";
    expect(localiseReasonTimes(reason, MONDAY_MORNING, "UTC")).toBe(reason);
    expect(localiseReasonTimes(reason, MONDAY_MORNING, "Etc/UTC")).toBe(reason);
    expect(localiseReasonTimes(reason, MONDAY_MORNING, "Mars/Olympus")).toBe(reason);
    expect(localiseReasonTimes(reason, new Date(Number.NaN), "Europe/Berlin")).toBe(reason);
    expect(localiseReasonTimes("no forecast for zone GB: starting as early as possible", MONDAY_MORNING, "Europe/Berlin")).toBe("no forecast for zone GB: starting as early as possible");
    expect(localiseReasonTimes("a 24:00 UTC slot is not a time", MONDAY_MORNING, "Europe/Berlin")).toBe("a 24:00 UTC slot is not a time");
  });
});
