import { definePlugin } from "./define-plugin";
import { ConfigError, InvalidPaddingError, MISSING_CONFIG } from "./errors";
import {
  assertDivisible,
  buildTimeline,
  INCOMPATIBLE_RESOLUTION_WITH_INTERVAL,
  paddingNeeded,
  parseTime,
  type TimelineParams,
} from "./time-sync-timeline";
import type { ExecutionContext, ParameterMetadata, Row } from "./types";
import { checkBoolean, checkNumber, isEmptyConfig, throwIfIssues, type Issue } from "./validate";

export interface TimeSyncConfig {
  "start-time": string;
  "end-time": string;
  interval: number;
  "allow-padding": boolean;
  "upsampling-resolution"?: number;
}

const TIME_SYNC_INPUTS: ParameterMetadata = {
  timestamp: {
    description: "refers to the time of occurrence of the input",
    unit: "RFC3339",
    "aggregation-method": { time: "none", component: "none" },
  },
  duration: {
    description: "refers to the duration of the input",
    unit: "seconds",
    "aggregation-method": { time: "sum", component: "none" },
  },
};

/** zod 3's `z.string().datetime()`: UTC `Z` only, seconds required, any fraction. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const checkDatetime = (row: Row, key: string, issues: Issue[], code = "invalid_string"): void => {
  const value = row[key];
  if (value instanceof Date && code === "invalid_union") return;
  if (typeof value !== "string") {
    const missingCode = code === "invalid_union" ? code : "invalid_type";
    const message = value === undefined ? "Required" : `Expected string, received ${typeof value}`;
    issues.push({ path: key, message, code: value === undefined ? missingCode : "invalid_type" });
  } else if (!ISO_DATETIME.test(value) || Number.isNaN(parseTime(value))) {
    issues.push({ path: key, message: "Invalid datetime", code });
  }
};

const validateConfig = (config: Row): TimeSyncConfig => {
  if (isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
  const issues: Issue[] = [];
  checkDatetime(config, "start-time", issues);
  checkDatetime(config, "end-time", issues);
  checkNumber(config, "interval", issues);
  checkBoolean(config, "allow-padding", issues);
  checkNumber(config, "upsampling-resolution", issues, { gte: 1, optional: true });
  throwIfIssues(issues);
  // zod's refine compares the strings, as IF does.
  if (!((config["start-time"] as string) < (config["end-time"] as string))) {
    throwIfIssues([{ message: "`start-time` should be lower than `end-time`" }]);
  }
  return config as unknown as TimeSyncConfig;
};

const validateInput = (input: Row, _config: TimeSyncConfig, index: number): Row => {
  const issues: Issue[] = [];
  checkDatetime(input, "timestamp", issues, "invalid_union");
  checkNumber(input, "duration", issues);
  throwIfIssues(issues, index);
  return input;
};

const gcd = (a: number, b: number): number => {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

/**
 * IF's default resolution: the GCD of the interval, every `timestamp(ms) + duration` and
 * every `next − this (ms) + duration`. Odd units, but it decides the step, so kept as IF.
 */
const defaultResolution = (inputs: Row[], interval: number): number => {
  const ends = new Set<number>();
  const spans = new Set<number>();
  for (let i = 0; i < inputs.length - 1; i++) {
    const here = parseTime(inputs[i].timestamp);
    const next = parseTime(inputs[i + 1].timestamp);
    ends.add(here + (inputs[i].duration as number));
    spans.add(next - here + (inputs[i].duration as number));
  }
  return [...ends, ...spans, interval].reduce((acc, value) => gcd(acc, value));
};

/** Re-buckets one `interval` window: sums add, copies take the last, averages average. */
const resampleWindow = (rows: Row[], params: TimelineParams, reproduceIfBugs: boolean): Row => {
  const out: Row = {};
  const averaged = new Set<string>();
  rows.forEach((row, index) => {
    for (const metric of Object.keys(row)) {
      if (metric === "timestamp") {
        out.timestamp = rows[0].timestamp;
        continue;
      }
      const method = metric === "duration" ? "sum" : params.aggregationFor(metric).time;
      if (method === "none") {
        out[metric] = null;
        continue;
      }
      const current = (out[metric] ?? 0) as number;
      if (method === "sum") out[metric] = current + (row[metric] as number);
      else if (method === "copy") out[metric] = row[metric];
      else if (reproduceIfBugs && rows.length > 1 && index === rows.length - 1) {
        // IF 1.1.0 divides instead of adding the last sample: (Σ of n−1 samples) / n.
        out[metric] = current / rows.length;
      } else {
        out[metric] = current + (row[metric] as number);
        averaged.add(metric);
      }
    }
  });
  if (!reproduceIfBugs) for (const metric of averaged) out[metric] = (out[metric] as number) / rows.length;
  return out;
};

const resample = (rows: Row[], params: TimelineParams, reproduceIfBugs: boolean): Row[] => {
  const perWindow = params.interval / params.step;
  const windows: Row[] = [];
  for (let start = 0; start < rows.length; start += perWindow) {
    windows.push(resampleWindow(rows.slice(start, start + perWindow), params, reproduceIfBugs));
  }
  return windows;
};

const timelineParams = (inputs: Row[], config: TimeSyncConfig, context: ExecutionContext): TimelineParams => ({
  start: parseTime(config["start-time"]),
  end: parseTime(config["end-time"]),
  interval: config.interval,
  allowPadding: config["allow-padding"],
  step: config["upsampling-resolution"] || defaultResolution(inputs, config.interval),
  aggregationFor: context.aggregationFor,
});

/**
 * IF `TimeSync`: resamples a node's outputs onto a regular grid of `interval` seconds
 * from `start-time` to `end-time`, using each metric's time aggregation method.
 */
export const TimeSync = definePlugin<TimeSyncConfig>({
  metadata: { inputs: TIME_SYNC_INPUTS },
  validateConfig,
  validateInput,
  implementation: (inputs, config, context) => {
    if (inputs.length === 0) return [];
    const params = timelineParams(inputs, config, context);
    assertDivisible(params.interval, params.step, INCOMPATIBLE_RESOLUTION_WITH_INTERVAL);
    const needed = paddingNeeded(inputs, params);
    if (!params.allowPadding && (needed.start || needed.end)) {
      const edges = needed.start && needed.end ? "start and end" : needed.start ? "start" : "end";
      throw new InvalidPaddingError(`Avoiding padding at ${edges}`);
    }
    return resample(buildTimeline(inputs, params), params, context.reproduceIfBugs === true);
  },
});
