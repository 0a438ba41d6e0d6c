import { describe, expect, test } from "vitest";
import { utcWhen } from "./describe";

const utc = (iso: string) => new Date(iso);

describe("utcWhen", () => {
  test.each([
    ["same UTC day: the time alone", "2026-01-05T02:30:00Z", "2026-01-05T00:00:00Z", "02:30 UTC"],
    ["same UTC day, now late in it", "2026-01-05T23:30:00Z", "2026-01-05T23:59:59.999Z", "23:30 UTC"],
    ["the next day, a few minutes ahead", "2026-01-06T00:00:00Z", "2026-01-05T23:45:00Z", "Tue 6 Jan 00:00 UTC"],
    ["30 hours ahead", "2026-01-06T06:00:00Z", "2026-01-05T00:00:00Z", "Tue 6 Jan 06:00 UTC"],
    ["across a month and a year", "2027-01-01T09:05:00Z", "2026-12-31T22:00:00Z", "Fri 1 Jan 09:05 UTC"],
    ["a day in the past (stale since)", "2026-01-04T19:00:00Z", "2026-01-05T00:00:00Z", "Sun 4 Jan 19:00 UTC"],
  ])("%s", (_, when, now, expected) => {
    expect(utcWhen(utc(when), utc(now).getTime())).toBe(expected);
  });

  test("does not depend on the process time zone", () => {
    // 23:30 UTC is already the next day east of UTC; the UTC day is what counts.
    const tz = process.env.TZ;
    process.env.TZ = "Asia/Tokyo";
    try {
      expect(utcWhen(utc("2026-01-05T23:30:00Z"), utc("2026-01-05T01:00:00Z").getTime())).toBe("23:30 UTC");
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
