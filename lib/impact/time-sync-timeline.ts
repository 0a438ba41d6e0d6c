import { ConfigError, InvalidInputError } from "./errors";
import type { AggregationMethods, Row } from "./types";

/**
 * The per-step timeline TimeSync builds before re-bucketing (IF `builtins/time-sync`):
 * every input is split into `step`-second rows, gaps and edges are filled with
 * "zeroish" rows, and rows outside [start, end] are dropped.
 */
export interface TimelineParams {
  start: number;
  end: number;
  step: number;
  interval: number;
  allowPadding: boolean;
  aggregationFor(metric: string): AggregationMethods;
}

export const INCOMPATIBLE_RESOLUTION_WITH_INTERVAL =
  "The upsampling resolution must be a divisor of the given interval, but the provided value does not satisfy this criteria.";
export const INCOMPATIBLE_RESOLUTION_WITH_INPUTS =
  "The upsampling resolution must be a divisor of all inputs durations, but the provided values do not satisfy this criteria.";
export const INCOMPATIBLE_RESOLUTION_WITH_GAPS =
  "The upsampling resolution must be a divisor of gaps and paddings in the time-series, but the provided values do not satisfy this criteria.";

/** Milliseconds since the epoch; ISO strings without a zone are UTC (IF sets luxon's default zone to UTC). */
export const parseTime = (value: unknown): number => {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return NaN;
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes("T") ? value : `${value}Z`;
  return Date.parse(zoned);
};

export const formatTime = (ms: number): string => new Date(ms).toISOString();

export const assertDivisible = (value: number, step: number, message: string): void => {
  if (value % step !== 0) throw new ConfigError(message);
};

const seconds = (ms: number): number => ms / 1000;
const inputEnd = (input: Row): number => parseTime(input.timestamp) + (input.duration as number) * 1000;

/** One row of `step` seconds starting `offset` seconds into `input`. */
const breakDown = (input: Row, offset: number, params: TimelineParams): Row => {
  const row: Row = {};
  for (const metric of Object.keys(input)) {
    if (metric === "timestamp") {
      const whole = Math.floor(parseTime(input.timestamp) / 1000) * 1000;
      row.timestamp = formatTime(whole + offset * 1000);
    } else if (metric === "duration") {
      row.duration = params.step;
    } else {
      const method = params.aggregationFor(metric).time;
      if (method === "none") row[metric] = null;
      else if (method === "sum") row[metric] = (input[metric] as number) / ((input.duration as number) / params.step);
      else row[metric] = input[metric];
    }
  }
  return row;
};

/** A filler row: sums and averages are 0, copies come from `template` (the next input). */
const zeroish = (template: Row, at: number, params: TimelineParams): Row => {
  const row: Row = {};
  for (const metric of Object.keys(template)) {
    if (metric === "timestamp") row.timestamp = formatTime(Math.floor(at / 1000) * 1000);
    else if (metric === "duration") row.duration = params.step;
    // IF reads the duration already written, so key order decides (as there).
    else if (metric === "time-reserved") row[metric] = row.duration;
    else {
      const method = params.aggregationFor(metric).time;
      if (method === "none") row[metric] = null;
      else if (method === "avg" || method === "sum") row[metric] = 0;
      else row[metric] = template[metric];
    }
  }
  return row;
};

const fill = (from: number, to: number, template: Row, params: TimelineParams): Row[] => {
  assertDivisible(seconds(to - from), params.step, INCOMPATIBLE_RESOLUTION_WITH_GAPS);
  const rows: Row[] = [];
  for (let at = from; at < to; at += params.step * 1000) rows.push(zeroish(template, at, params));
  return rows;
};

export const paddingNeeded = (inputs: Row[], params: TimelineParams): { start: boolean; end: boolean } => ({
  start: parseTime(inputs[0].timestamp) > params.start,
  end: inputEnd(inputs[inputs.length - 1]) < params.end,
});

const pad = (inputs: Row[], params: TimelineParams): Row[] => {
  const needed = paddingNeeded(inputs, params);
  const first = inputs[0];
  const last = inputs[inputs.length - 1];
  const before = needed.start ? fill(params.start, parseTime(first.timestamp), first, params) : [];
  const after = needed.end ? fill(inputEnd(last), params.end, last, params) : [];
  return [...before, ...inputs, ...after];
};

const withinWindow = (row: Row, params: TimelineParams): boolean => {
  const at = parseTime(row.timestamp);
  return at >= params.start && at <= params.end;
};

/** The padded, gap-filled, per-step rows within [start, end], sorted by time. */
export const buildTimeline = (inputs: Row[], params: TimelineParams): Row[] => {
  const padded = pad(inputs, params);
  let rows: Row[] = [];
  padded.forEach((input, index) => {
    if (index > 0) {
      const previousEnd = inputEnd(padded[index - 1]);
      const current = parseTime(input.timestamp);
      if (previousEnd > current) throw new InvalidInputError("Observation timestamps overlap, please check inputs.");
      assertDivisible(input.duration as number, params.step, INCOMPATIBLE_RESOLUTION_WITH_INPUTS);
      // IF fills only gaps longer than one second; a 1 s gap is silently dropped (kept as IF).
      if (seconds(current - previousEnd) > 1) rows.push(...fill(previousEnd, current, input, params));
    }
    const duration = input.duration as number;
    for (let offset = 0; offset <= duration - params.step; offset += params.step) {
      rows.push(breakDown(input, offset, params));
    }
    rows = rows.filter((row) => withinWindow(row, params));
  });
  return rows.sort((a, b) => parseTime(a.timestamp) - parseTime(b.timestamp));
};
