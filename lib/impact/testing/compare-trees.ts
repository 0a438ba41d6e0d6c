/** One place where two trees differ: a path like `children.a.outputs[3].carbon`. */
export interface TreeMismatch {
  path: string;
  actual: unknown;
  expected: unknown;
}

const RELATIVE_TOLERANCE = 1e-9;

export const numbersMatch = (actual: number, expected: number): boolean => {
  if (actual === expected) return true;
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * scale;
};

const join = (path: string, key: string | number): string =>
  typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Structural comparison: the same keys and array lengths, equal strings, booleans and
 * nulls, numbers within a relative error of 1e-9.
 */
export const compareTrees = (actual: unknown, expected: unknown, path = ""): TreeMismatch[] => {
  if (typeof expected === "number" && typeof actual === "number") {
    return numbersMatch(actual, expected) ? [] : [{ path, actual, expected }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, actual, expected }];
    return expected.flatMap((item, i) => compareTrees(actual[i], item, join(path, i)));
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return [{ path, actual, expected }];
    const actualRecord = actual as Record<string, unknown>;
    const expectedRecord = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(actualRecord), ...Object.keys(expectedRecord)]);
    return [...keys].flatMap((key) =>
      key in actualRecord && key in expectedRecord
        ? compareTrees(actualRecord[key], expectedRecord[key], join(path, key))
        : [{ path: join(path, key), actual: actualRecord[key], expected: expectedRecord[key] }],
    );
  }
  return Object.is(actual, expected) ? [] : [{ path, actual, expected }];
};
