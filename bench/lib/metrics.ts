import { carbonOfSlots, type Series } from "./series";
import type { SimResult } from "./simulate-planner";

export type PolicyName =
  | "planner-calibrated"
  | "planner-perfect"
  | "naive-index-low"
  | "cats"
  | "oracle"
  | "planner-final-error-only"
  | "oracle-bound-ignoring-concurrency";

export type Summary = {
  family: string;
  policy: PolicyName;
  savedPercent: number;
  fractionOfOracle: number;
  deadlineMisses: number;
  meanDelayMinutes: number;
  jobs: number;
};

/**
 * Saving is against every job starting at its submission, uninterrupted (concurrency ignored for the
 * reference). Delay is completion time minus (submission + duration), in minutes. Carbon is always
 * measured on the actual series, whatever forecast the policy saw.
 */
export function summarise(s: Series, runs: [PolicyName, SimResult][], family: string): Summary[] {
  // Pooled runs repeat the same jobs, so the reference is taken from each run's own outcomes.
  const saved = (r: SimResult) => {
    const reference = r.outcomes.reduce((g, o) => g + carbonOfSlots(s, o.job.submit, o.job.submit + o.job.duration), 0);
    const g = r.outcomes.reduce((sum, o) => sum + o.pieces.reduce((x, [a, b]) => x + carbonOfSlots(s, a, b), 0), 0);
    return (1 - g / reference) * 100;
  };
  const oracleSaved = saved(runs.find(([p]) => p === "oracle")![1]);
  return runs.map(([policy, r]) => {
    const finish = (o: SimResult["outcomes"][number]) => o.pieces[o.pieces.length - 1][1];
    const worked = (o: SimResult["outcomes"][number]) => o.pieces.reduce((x, [a, b]) => x + b - a, 0);
    const misses = r.outcomes.filter((o) => finish(o) > o.job.deadline || worked(o) !== o.job.duration).length;
    const delay = r.outcomes.reduce((sum, o) => sum + (finish(o) - o.job.submit - o.job.duration) * 30, 0) / r.outcomes.length;
    const savedPercent = saved(r);
    return {
      family,
      policy,
      savedPercent,
      fractionOfOracle: oracleSaved > 0 ? savedPercent / oracleSaved : NaN,
      deadlineMisses: misses,
      meanDelayMinutes: delay,
      jobs: r.outcomes.length,
    };
  });
}
