import { describe, expect, it } from "vitest";
import { forecastAccuracy } from "@/lib/domain/forecast-accuracy";

const T0 = Date.parse("2026-03-01T12:00:00Z");
const h = (hours: number) => new Date(T0 + hours * 3_600_000);

describe("forecastAccuracy", () => {
  it("looks at each period's forecast every half hour before it began, through every version in force", () => {
    // Period h(0), actual 100: 120 from 30 h ahead (+20), 90 from 3 h ahead (−10), 104 from 0.5 h ahead (+4).
    // Period h(1), actual 40: 50 from 3 h ahead (+10). Period h(2) has no actual: ignored.
    const forecasts = [
      { start: h(0), gCO2PerKWh: 120, fetchedAt: h(-30), supersededAt: h(-3) },
      { start: h(0), gCO2PerKWh: 90, fetchedAt: h(-3), supersededAt: h(-0.5) },
      { start: h(0), gCO2PerKWh: 104, fetchedAt: h(-0.5), supersededAt: null },
      { start: h(1), gCO2PerKWh: 50, fetchedAt: h(-2), supersededAt: null },
      { start: h(2), gCO2PerKWh: 70, fetchedAt: h(-1), supersededAt: null },
    ];
    const actuals = [{ start: h(0), gCO2PerKWh: 100 }, { start: h(1), gCO2PerKWh: 40 }];
    const [near, short, day, far] = forecastAccuracy(forecasts, actuals);
    // < 1 h: period h(0) at leads −¼, ¼ (+4) and ¾ h (−10); period h(1) at −¼, ¼, ¾ h (+10 each).
    expect(near).toEqual({ leadHours: [0, 1], count: 6, meanAbsoluteError: (4 + 4 + 10 + 30) / 6, meanError: (8 - 10 + 30) / 6, meanAbsolutePercentageError: expect.closeTo((18 / 100 + 30 / 40) * 100 / 6, 9) });
    // 1-6 h: h(0) at 1¼, 1¾, 2¼, 2¾ h (−10) then 3¼ … 5¾ h (+20, 6 looks); h(1) at 1¼ … 2¾ h (+10, 4 looks; 3 h before it is 2 h before h(0)).
    expect(short.count).toBe(4 + 6 + 4);
    expect(short.meanError).toBeCloseTo((4 * -10 + 6 * 20 + 4 * 10) / 14, 9);
    expect(day.count).toBe(36);
    expect(day.meanAbsoluteError).toBe(20);
    // 24-30 h ahead the first version was in force: 12 looks.
    expect(far).toMatchObject({ leadHours: [24, 48], count: 12, meanAbsoluteError: 20, meanError: 20 });
  });

  it("skips the percentage for a zero actual and leads beyond the last bucket", () => {
    const result = forecastAccuracy([{ start: h(0), gCO2PerKWh: 5, fetchedAt: h(-0.2), supersededAt: null }], [{ start: h(0), gCO2PerKWh: 0 }]);
    expect(result[0]).toEqual({ leadHours: [0, 1], count: 1, meanAbsoluteError: 5, meanError: 5, meanAbsolutePercentageError: null });
    expect(result.reduce((n, b) => n + b.count, 0)).toBe(1);
    const beyond = forecastAccuracy([{ start: h(0), gCO2PerKWh: 9, fetchedAt: h(-72), supersededAt: h(-49) }], [{ start: h(0), gCO2PerKWh: 0 }]);
    expect(beyond.reduce((n, b) => n + b.count, 0)).toBe(0);
  });
});
