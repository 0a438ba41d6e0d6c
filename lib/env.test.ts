import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";
import { plannerConfig } from "@/worker/jobs/tick";

describe("parseEnv", () => {
  it("gives the planner its documented defaults", () => {
    expect(plannerConfig(parseEnv({}))).toEqual({ defaultWindowHours: 24, minSavingPercent: 5, hysteresisPercent: 3, maxPauses: 4, stepMinutes: 30 });
    expect(parseEnv({}).GRIDSHIFT_WORKER_CONCURRENCY).toBe(4);
  });

  it("reads the planner's settings as numbers, an empty value as unset", () => {
    const settings = parseEnv({ GRIDSHIFT_DEFAULT_WINDOW_HOURS: "48", GRIDSHIFT_MIN_SAVING_PERCENT: "0", GRIDSHIFT_HYSTERESIS_PERCENT: "", GRIDSHIFT_MAX_PAUSES: "2" });
    expect(plannerConfig(settings)).toMatchObject({ defaultWindowHours: 48, minSavingPercent: 0, hysteresisPercent: 3, maxPauses: 2 });
  });

  it.each([
    ["GRIDSHIFT_DEFAULT_WINDOW_HOURS", "a day"],
    ["GRIDSHIFT_DEFAULT_WINDOW_HOURS", "0"],
    ["GRIDSHIFT_DEFAULT_WINDOW_HOURS", "200"],
    ["GRIDSHIFT_MIN_SAVING_PERCENT", "-1"],
    ["GRIDSHIFT_HYSTERESIS_PERCENT", "150"],
    ["GRIDSHIFT_MAX_PAUSES", "1.5"],
    ["GRIDSHIFT_WORKER_CONCURRENCY", "0"],
  ])("rejects %s=%s, naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment: ${name}: `));
  });
});
