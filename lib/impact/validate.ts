import { InputValidationError, type ImpactError } from "./errors";
import type { Row } from "./types";

/**
 * IF validates with zod 3 and formats each issue as
 * `"<path>" parameter is <message lowercased>[ at index i]. Error code: <code>.`
 * (`prettifyErrorMessage`); issues without a path keep their bare message, and several
 * issues are joined with ','. We reproduce that wording without depending on zod's.
 */
export interface Issue {
  path?: string;
  message: string;
  code?: string;
}

export const formatIssues = (issues: Issue[], index?: number): string =>
  issues
    .map(({ path, message, code }) => {
      if (!path) return message;
      const at = index === undefined ? "" : ` at index ${index}`;
      return `"${path}" parameter is ${message.toLowerCase()}${at}. Error code: ${code}.`;
    })
    .join(",");

type ErrorClass = new (message: string, index?: number) => ImpactError;

export const throwIfIssues = (
  issues: Issue[],
  index?: number,
  ErrorType: ErrorClass = InputValidationError,
): void => {
  if (issues.length > 0) throw new ErrorType(formatIssues(issues, index), index);
};

/** For checks where IF's message names no index: the index rides on the error instead. */
export const throwIfIssuesAt = (issues: Issue[], index: number): void => {
  if (issues.length > 0) throw new InputValidationError(formatIssues(issues), index);
};

/** zod's name for the received type in "Expected number, received X". */
const receivedType = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (typeof value === "number" && Number.isNaN(value)) return "nan";
  return typeof value;
};

const typeIssue = (path: string, value: unknown, expected: string): Issue =>
  value === undefined
    ? { path, message: "Required", code: "invalid_type" }
    : { path, message: `Expected ${expected}, received ${receivedType(value)}`, code: "invalid_type" };

export interface NumberRule {
  gt?: number;
  gte?: number;
  optional?: boolean;
}

/** Checks `row[key]` is a number within bounds; returns false when the value is unusable. */
export const checkNumber = (
  row: Row,
  key: string,
  issues: Issue[],
  rule: NumberRule = {},
  path = key,
): boolean => {
  const value = row[key];
  if (value === undefined && rule.optional) return true;
  if (typeof value !== "number" || Number.isNaN(value)) {
    issues.push(typeIssue(path, value, "number"));
    return false;
  }
  if (rule.gt !== undefined && !(value > rule.gt)) {
    issues.push({ path, message: `Number must be greater than ${rule.gt}`, code: "too_small" });
  }
  if (rule.gte !== undefined && !(value >= rule.gte)) {
    issues.push({ path, message: `Number must be greater than or equal to ${rule.gte}`, code: "too_small" });
  }
  return true;
};

export const checkString = (row: Row, key: string, issues: Issue[], minLength = 0): boolean => {
  const value = row[key];
  if (typeof value !== "string") {
    issues.push(typeIssue(key, value, "string"));
    return false;
  }
  if (value.length < minLength) {
    issues.push({
      path: key,
      message: `String must contain at least ${minLength} character(s)`,
      code: "too_small",
    });
  }
  return true;
};

export const checkBoolean = (row: Row, key: string, issues: Issue[]): boolean => {
  if (typeof row[key] === "boolean") return true;
  issues.push(typeIssue(key, row[key], "boolean"));
  return false;
};

export const checkStringArray = (row: Row, key: string, issues: Issue[]): boolean => {
  const value = row[key];
  if (!Array.isArray(value)) {
    issues.push(typeIssue(key, value, "array"));
    return false;
  }
  value.forEach((item, i) => {
    if (typeof item !== "string") issues.push(typeIssue(`${key}.[${i}]`, item, "string"));
  });
  return true;
};

export const checkNumberArray = (row: Row, key: string, issues: Issue[]): boolean => {
  const value = row[key];
  if (!Array.isArray(value)) {
    issues.push(typeIssue(key, value, "array"));
    return false;
  }
  const before = issues.length;
  value.forEach((item, i) => {
    if (typeof item !== "number") issues.push(typeIssue(`${key}.[${i}]`, item, "number"));
  });
  return issues.length === before;
};

/** zod's `a.or(b)`: the message of the first branch, with the union's code. */
export const unionIssue = (first: Issue): Issue => ({ ...first, code: "invalid_union" });

export const isEmptyConfig = (config: Row | null | undefined): boolean =>
  !config || Object.keys(config).length === 0;

export const isNumber = (value: unknown): value is number =>
  typeof value === "number" && !Number.isNaN(value);
