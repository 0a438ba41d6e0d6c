import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import { DAY_MS, WEEK_MS } from "../time";
import { parseZone } from "../zones";
import { BUILTIN_REPLAY_DIR, createReplayProvider } from "./replay";
import { parseReplayCsv, replayWindow } from "./replay-series";

const shipped = readFileSync(join(BUILTIN_REPLAY_DIR, "gb-lwa2020-week.csv"), "utf8");
const recorded = new Map(
  shipped
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [t, v] = line.split(",");
      return [new Date(t).getTime(), Number(v)] as const;
    }),
);
/** Weekday and time of day, which the shift must keep. */
const slotKey = (d: Date) => `${d.getUTCDay()} ${d.toISOString().slice(11, 16)}`;
const recordedBySlot = new Map([...recorded].map(([t, v]) => [slotKey(new Date(t)), v]));

const week = parseZone("replay:gb-lwa2020-week");
const wednesday = new Date("2026-11-25T10:15Z");

describe("replay provider", () => {
  const provider = (now = wednesday, dirs: string[] = []) => createReplayProvider({ now: () => now, dirs });

  it("serves the shipped week for a fresh clone", async () => {
    const reading = await provider().current(week);
    expect(reading).toEqual({
      start: new Date("2026-11-25T10:00Z"),
      end: new Date("2026-11-25T10:30Z"),
      gCO2PerKWh: recorded.get(Date.parse("2020-01-08T10:00:00Z")),
      kind: "actual",
      source: "replay:gb-lwa2020-week",
    });
  });

  it("keeps weekday and time of day across a 48-hour forecast", async () => {
    const readings = await provider().forecast(week, wednesday, 48);
    expect(readings).toHaveLength(97);
    for (const [i, reading] of readings.entries()) {
      expect(reading.start.getTime()).toBe(Date.parse("2026-11-25T10:00Z") + i * 30 * 60_000);
      expect(reading.gCO2PerKWh).toBe(recordedBySlot.get(slotKey(reading.start)));
      expect(reading.kind).toBe("forecast");
    }
  });

  it("loops from Sunday night back to Monday morning", async () => {
    const readings = await provider().history(week, new Date("2026-11-29T23:00Z"), new Date("2026-11-30T01:00Z"));
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([
      recorded.get(Date.parse("2020-01-12T23:00:00Z")),
      recorded.get(Date.parse("2020-01-12T23:30:00Z")),
      recorded.get(Date.parse("2020-01-06T00:00:00Z")),
      recorded.get(Date.parse("2020-01-06T00:30:00Z")),
    ]);
  });

  it("reads series from the configured directory first, naive times as UTC, shorter ones looped by day", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gridshift-replay-"));
    const rows = ["timestamp_local,gco2_per_kwh"];
    for (let t = Date.parse("2025-01-01T00:00:00Z"); t < Date.parse("2025-01-03T00:00:00Z"); t += 30 * 60_000) {
      rows.push(`${new Date(t).toISOString().slice(0, 19)},${new Date(t).getUTCHours()}`);
    }
    writeFileSync(join(dir, "two-days.csv"), rows.join("\n"));
    const readings = await provider(wednesday, [dir]).forecast(parseZone("replay:two-days"), new Date("2026-11-25T21:00Z"), 4);
    expect(readings.map((r) => r.gCO2PerKWh)).toEqual([21, 21, 22, 22, 23, 23, 0, 0]);
  });

  it("reports an unknown series as not_found", async () => {
    const error = await provider().current(parseZone("replay:nope")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("not_found");
  });

  it("reports a broken file as malformed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gridshift-replay-"));
    writeFileSync(join(dir, "broken.csv"), "timestamp,value\nyesterday,12\n");
    const error = (await provider(wednesday, [dir]).current(parseZone("replay:broken")).catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("malformed");
    expect(error.message).toContain("broken.csv line 2");
  });
});

describe("parseReplayCsv", () => {
  it("loops a week-long series weekly at its own step", () => {
    const series = parseReplayCsv("gb-lwa2020-week", shipped);
    expect(series.stepMs).toBe(30 * 60_000);
    expect(series.periodMs).toBe(WEEK_MS);
  });

  it("picks the actual column of a NESO export and skips empty rows", () => {
    const csv = [
      "from_utc,to_utc,actual_gco2_per_kwh,actual_snapshot_utc,forecast_pt24h_gco2_per_kwh",
      "2023-03-13T03:30:00Z,2023-03-13T04:00:00Z,64,2023-03-14T03:31:00Z,52",
      "2023-03-13T04:00:00Z,2023-03-13T04:30:00Z,56,2023-03-14T03:31:00Z,61",
      "2023-03-13T04:30:00Z,2023-03-13T05:00:00Z,,,59",
    ].join("\n");
    const series = parseReplayCsv("ukci", csv);
    expect([...series.values.values()]).toEqual([64, 56]);
    expect(series.periodMs).toBe(60 * 60_000);
  });

  it("leaves holes in the recording as holes", () => {
    const csv = "timestamp,value\n2025-01-01T00:00Z,1\n2025-01-01T00:30Z,2\n2025-01-01T01:30Z,4\n2025-01-01T02:00Z,5\n";
    const series = parseReplayCsv("holes", csv);
    const slots = replayWindow(series, new Date("2025-01-01T00:00Z"), new Date("2025-01-01T02:30Z"));
    expect(slots.map((s) => s.value)).toEqual([1, 2, 4, 5]);
    expect(series.periodMs).toBeLessThan(DAY_MS);
  });
});
