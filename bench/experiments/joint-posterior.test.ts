import { describe, expect, it } from "vitest";
import { priorAt } from "../lib/climatology";
import {
  cholesky,
  choleskySolve,
  errorCovariance,
  fitAr1,
  jointPosteriorMean,
  matVec,
  perReadingMean,
  priorCovariance,
  unconditionalCovariance,
} from "./joint-posterior";

const sym = (n: number, f: (i: number, j: number) => number) => {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = f(Math.min(i, j), Math.max(i, j));
  return a;
};

describe("cholesky", () => {
  it("factors and solves a small SPD system", () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const l = cholesky(a, 3);
    expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    const x = choleskySolve(l, 3, [1, 2, 3]);
    const back = matVec(a, 3, x);
    [1, 2, 3].forEach((v, i) => expect(back[i]).toBeCloseTo(v, 10));
  });

  it("solves a 96×96 AR(1) system to round-off", () => {
    const n = 96;
    const a = sym(n, (i, j) => 0.9 ** (j - i) + (i === j ? 0.5 : 0));
    const b = Array.from({ length: n }, (_, i) => Math.sin(i));
    const back = matVec(a, n, choleskySolve(cholesky(a, n), n, b));
    b.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 9));
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });
});

describe("prior covariance", () => {
  it("has priorAt's sd on the diagonal, zero variance now, and the AR(1) conditional off it", () => {
    const a = 0.97;
    const n = 6;
    const c = {
      mean: Float64Array.from({ length: n }, (_, k) => 100 + k),
      sd: Float64Array.from({ length: n }, (_, k) => 10 + k),
      persistence: new Float64Array(n).fill(a),
    };
    const offsets = [0, 1, 2, 3, 4, 5];
    const cov = priorCovariance(offsets, c.sd, a);
    const p = priorAt(c, 0, n, 120);
    offsets.forEach((k) => expect(Math.sqrt(cov[k * n + k])).toBeCloseTo(p[k]!.sd, 12));
    expect(cov[0]).toBe(0);
    // Cov(2, 5) = s2·s5·(a^3 − a^2·a^5)
    expect(cov[2 * n + 5]).toBeCloseTo(12 * 15 * (a ** 3 - a ** 7), 12);
    expect(cov[5 * n + 2]).toBe(cov[2 * n + 5]);
    // Positive semi-definite: adding any small ridge makes it factorable.
    const ridged = cov.map((v, i) => (i % (n + 1) === 0 ? v + 1e-9 : v));
    expect(() => cholesky(ridged, n)).not.toThrow();
  });

  it("is the unconditional AR(1) covariance conditioned on the anomaly now (Schur complement)", () => {
    const a = 0.95;
    const sd = [3, 4, 5, 6, 7];
    const offsets = [0, 1, 2, 3, 4];
    const u = unconditionalCovariance(offsets, sd, a);
    const c = priorCovariance(offsets, sd, a);
    for (let k = 0; k < 5; k++) {
      expect(u[k * 5 + k]).toBeCloseTo(sd[k] ** 2, 12);
      for (let j = 0; j < 5; j++) expect(c[k * 5 + j]).toBeCloseTo(u[k * 5 + j] - (u[k * 5] * u[j]) / u[0], 10);
    }
  });

  it("matches the closed form of an AR(1) started from a known value", () => {
    // Z_k = a·Z_(k−1) + √(1 − a²)·ε from a fixed Z_0: Var(Z_k) = 1 − a^(2k), Cov(Z_1, Z_3) = a² − a⁴.
    const a = 0.8;
    const cov = priorCovariance([0, 1, 2, 3], [1, 1, 1, 1], a);
    expect(cov[1 * 4 + 3]).toBeCloseTo(a ** 2 * (1 - a ** 2), 12);
    expect(cov[3 * 4 + 3]).toBeCloseTo(1 - a ** 6, 12);
  });
});

describe("error covariance", () => {
  const offsets = [0, 1, 2, 3];
  const sigma = [1, 2, 2, 3];
  it("ar1: σ_k·σ_j·ρ^|k−j|", () => {
    const c = errorCovariance(offsets, sigma, 0.9, "ar1");
    expect(c[0 * 4 + 3]).toBeCloseTo(1 * 3 * 0.9 ** 3, 12);
    expect(c[1 * 4 + 2]).toBeCloseTo(4 * 0.9, 12);
    expect(c[3 * 4 + 3]).toBe(9);
  });
  it("nested: σ(shorter lead)²·ρ^|k−j|, positive definite", () => {
    const c = errorCovariance(offsets, sigma, 0.9, "nested");
    expect(c[0 * 4 + 3]).toBeCloseTo(1 * 0.9 ** 3, 12);
    expect(c[2 * 4 + 3]).toBeCloseTo(4 * 0.9, 12);
    expect(c[3 * 4 + 0]).toBe(c[0 * 4 + 3]);
    expect(() => cholesky(c, 4)).not.toThrow();
  });
});

describe("joint posterior mean", () => {
  const mu = [100, 102, 104, 106, 108];
  const priorSd = [0.5, 4, 6, 7, 8];
  const errSd = [1, 3, 3, 5, 5];
  const f = [99, 90, 112, 95, 120];
  const offsets = [0, 1, 2, 3, 4];
  const diag = (v: number[]) => sym(v.length, (i, j) => (i === j ? v[i] : 0));

  it("equals the per-reading shrinkage when prior and errors are independent", () => {
    const x = jointPosteriorMean(mu, diag(priorSd.map((v) => v * v)), errorCovariance(offsets, errSd, 0.9, "independent"), f);
    const y = perReadingMean(mu, priorSd, errSd, f);
    y.forEach((v, i) => expect(x[i]).toBeCloseTo(v, 10));
  });

  it("returns the forecast when errors vanish and the prior when the prior has no variance", () => {
    const sp = diag(priorSd.map((v) => v * v));
    const tiny = errorCovariance(offsets, errSd.map(() => 1e-6), 0.9, "ar1");
    jointPosteriorMean(mu, sp, tiny, f).forEach((v, i) => expect(v).toBeCloseTo(f[i], 4));
    const none = new Float64Array(25);
    jointPosteriorMean(mu, none, errorCovariance(offsets, errSd, 0.9, "ar1"), f).forEach((v, i) => expect(v).toBe(mu[i]));
  });

  it("matches the 2×2 closed form", () => {
    // x̂ = μ + P (P + E)⁻¹ r with P = [[p1, c], [c, p2]], E = [[e1, d], [d, e2]].
    const p = [16, 6, 6, 25];
    const e = [9, 3, 3, 4];
    const r = [5, -2];
    const s = p.map((v, i) => v + e[i]);
    const det = s[0] * s[3] - s[1] * s[2];
    const w = [(s[3] * r[0] - s[1] * r[1]) / det, (-s[2] * r[0] + s[0] * r[1]) / det];
    const want = [10 + p[0] * w[0] + p[1] * w[1], 20 + p[2] * w[0] + p[3] * w[1]];
    const x = jointPosteriorMean([10, 20], Float64Array.from(p), Float64Array.from(e), [15, 18]);
    expect(x[0]).toBeCloseTo(want[0], 12);
    expect(x[1]).toBeCloseTo(want[1], 12);
  });

  it("keeps a common error across a window out of the posterior more than an independent one would", () => {
    // A flat prior-level forecast offset over 5 slots: with persistent errors the offset looks like
    // error; with a persistent prior and independent errors it looks like signal.
    const n = 5;
    const sp = sym(n, (i, j) => 25 * 0.99 ** (j - i));
    const offset = mu.map((v) => v - 10);
    const persistentErr = jointPosteriorMean(mu, sp, errorCovariance(offsets, [5, 5, 5, 5, 5], 0.99, "ar1"), offset);
    const independentErr = jointPosteriorMean(mu, sp, errorCovariance(offsets, [5, 5, 5, 5, 5], 0, "ar1"), offset);
    for (let i = 0; i < n; i++) expect(mu[i] - persistentErr[i]).toBeLessThan(mu[i] - independentErr[i]);
  });
});

describe("fitAr1", () => {
  it("recovers ρ from exact AR(1) correlations", () => {
    expect(fitAr1([0.9, 0.81, 0.729, 0.6561])).toBeCloseTo(0.9, 6);
  });
});

describe("empirical anomaly autocorrelation", () => {
  it("is 1 at lag 0, follows an AR(1) series, and gives a PSD conditional covariance", async () => {
    const { anomalyAcf, acfCovariance } = await import("./joint-posterior");
    const days = 40;
    const values = new Float64Array(days * 48);
    let x = 0;
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let u = 0; u < values.length; u++) values[u] = x = 0.95 * x + rand();
    const r = anomalyAcf(values, new Float64Array(values.length), days)!;
    expect(r[0]).toBe(1);
    expect(r[1]).toBeGreaterThan(0.9);
    expect(r[1]).toBeLessThan(0.98);
    const offsets = Array.from({ length: 96 }, (_, i) => i);
    const c = acfCovariance(offsets, offsets.map(() => 2), r);
    expect(c[0]).toBeCloseTo(0, 12);
    const ridged = c.map((v, i) => (i % 97 === 0 ? v + 1e-9 : v));
    expect(() => cholesky(ridged, 96)).not.toThrow();
  });
});
