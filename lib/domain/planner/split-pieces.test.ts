import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cheapestPieces } from "./split-pieces";

/** Every subset of `need` allowed slots with at most `maxPieces` runs; the cheapest total. */
function bruteForce(costs: number[], allowed: boolean[], need: number, maxPieces: number): number {
  let best = Infinity;
  const n = costs.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    let count = 0;
    let runs = 0;
    let total = 0;
    let ok = true;
    for (let k = 0; k < n; k++) {
      if (!(mask & (1 << k))) continue;
      if (!allowed[k]) ok = false;
      count++;
      total += costs[k];
      if (k === 0 || !(mask & (1 << (k - 1)))) runs++;
    }
    if (ok && count === need && runs <= maxPieces) best = Math.min(best, total);
  }
  return best;
}

describe("cheapestPieces", () => {
  test("matches brute force", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (costs, allowedAll, need, maxPieces) => {
          const allowed = allowedAll.slice(0, costs.length).map((a, i) => a || i % 3 === 0);
          const expected = bruteForce(costs, allowed, need, maxPieces);
          const got = cheapestPieces((k) => costs[k], (k) => allowed[k], 0, costs.length, need, maxPieces);
          if (expected === Infinity) return got === undefined;
          if (!got) return false;
          const slots = got.runs.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
          expect(slots).toHaveLength(need);
          expect(got.runs.length).toBeLessThanOrEqual(maxPieces);
          expect(slots.every((k) => allowed[k])).toBe(true);
          expect(slots.reduce((s, k) => s + costs[k], 0)).toBe(expected);
          return got.cost === expected;
        },
      ),
      { numRuns: 300 },
    );
  });

  test("one piece is the best contiguous window", () => {
    const got = cheapestPieces((k) => [5, 1, 9, 1, 1, 9][k], () => true, 0, 6, 2, 1);
    expect(got?.runs).toEqual([[3, 5]]);
  });
});
