/**
 * Where our runner deliberately differs from @grnsft/if 1.1.0 on the golden set: IF bugs
 * whose correct value we compute instead. The golden test allows a difference only in
 * these cells, and checks the hand-computed examples.
 */
export interface GoldenDeviation {
  id: string;
  plugin: string;
  why: string;
  /** Golden files (without `.yml`) in which cells differ. */
  files: string[];
  /** Output fields of leaf nodes whose values differ. */
  fields: string[];
  examples: { file: string; path: string; ifValue: number; correct: number; reasoning: string }[];
}

export const GOLDEN_DEVIATIONS: GoldenDeviation[] = [
  {
    id: "time-sync-avg-window",
    plugin: "TimeSync",
    why:
      "IF's window average of an `avg` metric divides instead of adding the last sample, giving (Σ of the first n−1 samples)/n.",
    files: ["nesting", "pipeline-with-aggregate"],
    fields: ["cpu/utilization", "cpu/thermal-design-power", "grid/carbon-intensity", "cpu-factor", "time-reserved"],
    examples: [
      {
        file: "pipeline-with-aggregate",
        path: "children.child-1.children.uk-west.children.A1.outputs[0].cpu/utilization",
        ifValue: 14,
        correct: 18,
        reasoning: "seconds 0–4 have utilisation 10, 20, 20, 20, 20: mean 18; IF gives (10+20+20+20)/5",
      },
      {
        file: "pipeline-with-aggregate",
        path: "children.child-1.children.uk-west.children.A1.outputs[0].cpu/thermal-design-power",
        ifValue: 80,
        correct: 100,
        reasoning: "a constant 100 W default averages to 100; IF gives 4×100/5",
      },
      {
        file: "pipeline-with-aggregate",
        path: "children.child-1.children.uk-west.children.A1.outputs[0].cpu-factor",
        ifValue: 0.3205,
        correct: 0.406,
        reasoning: "Teads factors 0.32, 0.4275 ×4: mean 0.406; IF gives (0.32 + 3×0.4275)/5",
      },
      {
        file: "nesting",
        path: "children.child-0.outputs[11].time-reserved",
        ifValue: 0.8,
        correct: 1,
        reasoning: "end padding rows carry time-reserved = their 1 s duration: mean 1; IF gives 4/5",
      },
    ],
  },
  {
    id: "interpolation-independent-sort",
    plugin: "Interpolation",
    why:
      "IF sorts `x` and `y` each ascending on its own, so a decreasing curve is silently wrong. We sort the (x, y) pairs by x. No golden file has an unsorted or decreasing curve, so no cell differs.",
    files: [],
    fields: [],
    examples: [],
  },
];
