import { describe, expect, it } from "vitest";
import { forecastAccuracy } from "@/lib/domain/forecast-accuracy";

const T0 = Date.parse("2026-03-01T12:00:00Z");
const h = (hours: number) => new Date(T0 + hours * 3_600_000);

describe("forecastAccuracy", () => {
  it("groups every forecast version by lead time and compares it with the actual", () => {
    const forecasts = [
      { start: h(0), gCO2PerKWh: 120, fetchedAt: h(-30) }, // 30 h ahead: +20
      { start: h(0), gCO2PerKWh: 90, fetchedAt: h(-3) }, // 3 h ahead: −10
      { start: h(0), gCO2PerKWh: 104, fetchedAt: h(-0.5) }, // 0.5 h ahead: +4
      { start: h(1), gCO2PerKWh: 50, fetchedAt: h(-2) }, // 3 h ahead: +10
      { start: h(2), gCO2PerKWh: 70, fetchedAt: h(-1) }, // no actual: ignored
      { start: h(0), gCO2PerKWh: 100, fetchedAt: h(0.25) }, // fetched during the period: lead 0
    ];
    const actuals = [{ start: h(0), gCO2PerKWh: 100 }, { start: h(1), gCO2PerKWh: 40 }];
    expect(forecastAccuracy(forecasts, actuals)).toEqual([
      { leadHours: [0, 1], count: 2, meanAbsoluteError: 2, meanError: 2, meanAbsolutePercentageError: 2 },
      { leadHours: [1, 6], count: 2, meanAbsoluteError: 10, meanError: 0, meanAbsolutePercentageError: (10 + 25) / 2 },
      { leadHours: [6, 24], count: 0, meanAbsoluteError: null, meanError: null, meanAbsolutePercentageError: null },
      { leadHours: [24, 48], count: 1, meanAbsoluteError: 20, meanError: 20, meanAbsolutePercentageError: 20 },
    ]);
  });

  it("skips the percentage for a zero actual and leads beyond the last bucket", () => {
    const result = forecastAccuracy(
      [{ start: h(0), gCO2PerKWh: 5, fetchedAt: h(-0.1) }, { start: h(0), gCO2PerKWh: 9, fetchedAt: h(-72) }],
      [{ start: h(0), gCO2PerKWh: 0 }],
    );
    expect(result[0]).toEqual({ leadHours: [0, 1], count: 1, meanAbsoluteError: 5, meanError: 5, meanAbsolutePercentageError: null });
    expect(result.reduce((n, b) => n + b.count, 0)).toBe(1);
  });
});
