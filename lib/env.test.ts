import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";
import { plannerConfig } from "@/worker/jobs/tick";

describe("parseEnv", () => {
  it("gives the planner its documented defaults", () => {
    expect(plannerConfig(parseEnv({}))).toEqual({ defaultWindowHours: 24, minSavingPercent: 0, minSavingGrams: 1, hysteresisPercent: 2, maxPauses: 4, stepMinutes: 30 });
    expect(parseEnv({}).GRIDSHIFT_WORKER_CONCURRENCY).toBe(4);
  });

  it("gives the worker's run settings their documented defaults", () => {
    expect(parseEnv({})).toMatchObject({
      GRIDSHIFT_WATCH_INTERVAL_MS: 2000,
      GRIDSHIFT_SAMPLE_INTERVAL_MS: 30_000,
      GRIDSHIFT_MAX_LOG_BYTES: 5 * 1024 * 1024,
      GRIDSHIFT_START_MAX_ATTEMPTS: 5,
      GRIDSHIFT_SSH_CONNECT_TIMEOUT_MS: 10_000,
      GRIDSHIFT_SSH_IDLE_MS: 300_000,
    });
    expect(parseEnv({ GRIDSHIFT_SSH_IDLE_MS: "0", GRIDSHIFT_WATCH_INTERVAL_MS: "0" })).toMatchObject({ GRIDSHIFT_SSH_IDLE_MS: 0, GRIDSHIFT_WATCH_INTERVAL_MS: 0 });
  });

  it("keeps local servers off unless the operator turns them on", () => {
    expect(parseEnv({}).GRIDSHIFT_LOCAL_SERVERS).toBe("off");
    expect(parseEnv({ GRIDSHIFT_LOCAL_SERVERS: "" }).GRIDSHIFT_LOCAL_SERVERS).toBe("off");
    expect(parseEnv({ GRIDSHIFT_LOCAL_SERVERS: "on" }).GRIDSHIFT_LOCAL_SERVERS).toBe("on");
  });

  it("reads the planner's settings as numbers, an empty value as unset", () => {
    const settings = parseEnv({ GRIDSHIFT_DEFAULT_WINDOW_HOURS: "48", GRIDSHIFT_MIN_SAVING_PERCENT: "2.5", GRIDSHIFT_MIN_SAVING_GRAMS: "0.5", GRIDSHIFT_HYSTERESIS_PERCENT: "", GRIDSHIFT_MAX_PAUSES: "2" });
    expect(plannerConfig(settings)).toMatchObject({ defaultWindowHours: 48, minSavingPercent: 2.5, minSavingGrams: 0.5, hysteresisPercent: 2, maxPauses: 2 });
  });

  it.each([
    ["GRIDSHIFT_DEFAULT_WINDOW_HOURS", "a day"],
    ["GRIDSHIFT_DEFAULT_WINDOW_HOURS", "0"],
    ["GRIDSHIFT_DEFAULT_WINDOW_HOURS", "200"],
    ["GRIDSHIFT_MIN_SAVING_PERCENT", "-1"],
    ["GRIDSHIFT_MIN_SAVING_GRAMS", "-1"],
    ["GRIDSHIFT_MIN_SAVING_GRAMS", "a gram"],
    ["GRIDSHIFT_HYSTERESIS_PERCENT", "150"],
    ["GRIDSHIFT_MAX_PAUSES", "1.5"],
    ["GRIDSHIFT_WORKER_CONCURRENCY", "0"],
    ["GRIDSHIFT_WATCH_INTERVAL_MS", "2s"],
    ["GRIDSHIFT_SAMPLE_INTERVAL_MS", "-1"],
    ["GRIDSHIFT_MAX_LOG_BYTES", "10"],
    ["GRIDSHIFT_START_MAX_ATTEMPTS", "0"],
    ["GRIDSHIFT_SSH_CONNECT_TIMEOUT_MS", "1e9"],
    ["GRIDSHIFT_SSH_IDLE_MS", "4294967296"],
    ["GRIDSHIFT_LOCAL_SERVERS", "yes"],
  ])("rejects %s=%s, naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment: ${name}: `));
  });
});
