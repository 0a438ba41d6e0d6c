import SplineImport from "typescript-cubic-spline";

type SplineClass = typeof SplineImport;
// A CommonJS module with `__esModule`: Node's ESM loader hands us `exports`, bundlers the class.
const Spline: SplineClass = (SplineImport as unknown as { default?: SplineClass }).default ?? SplineImport;

export type InterpolationMethod = "linear" | "spline" | "polynomial";

export interface Curve {
  x: number[];
  y: number[];
}

/**
 * Sorts the points by x, keeping each (x, y) pair together. IF sorts x and y separately,
 * which silently reverses a decreasing curve; that is a bug we deliberately do not copy.
 */
export const sortCurve = ({ x, y }: Curve): Curve => {
  const pairs = x.map((xi, i) => [xi, y[i]] as const).sort((a, b) => a[0] - b[0]);
  return { x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) };
};

/** IF 1.1.0's `sortPoints`, applied to x and y separately: only for `reproduceIfBugs`. */
export const sortIndependently = ({ x, y }: Curve): Curve => ({
  x: [...x].sort((a, b) => a - b),
  y: [...y].sort((a, b) => a - b),
});

const linear = ({ x, y }: Curve, value: number): number => {
  for (let i = 0; i < x.length; i++) {
    if (value === x[i]) return y[i];
    if (value > x[i] && value < x[i + 1]) {
      return y[i] + ((value - x[i]) * (y[i + 1] - y[i])) / (x[i + 1] - x[i]);
    }
  }
  // Unreachable for values in range; IF's reduce falls back to 0 + value × 0.
  return 0;
};

const spline = ({ x, y }: Curve, value: number): number => new Spline(x, y).at(value);

/** Lagrange polynomial through every point. */
const polynomial = ({ x, y }: Curve, value: number): number =>
  x.reduce((acc, xi, i) => {
    const basis = x.reduce((prod, xj, j) => (j === i ? prod : (prod * (value - xj)) / (xi - xj)), 1);
    return acc + y[i] * basis;
  }, 0);

const METHODS: Record<InterpolationMethod, (curve: Curve, value: number) => number> = {
  linear,
  spline,
  polynomial,
};

/** `curve` must already be sorted (see `sortCurve`). */
export const interpolate = (method: InterpolationMethod, curve: Curve, value: number): number =>
  METHODS[method](curve, value);
