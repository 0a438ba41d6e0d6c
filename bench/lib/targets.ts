/** One policy's figures in `results[region][family][policy]` of bench/results/savings.json. */
type Cell = { savedPercent: number; fractionOfOracle: number; deadlineMisses: number };

/**
 * The calibrated-forecast targets, per region × family: ≥ 90% of the oracle, ahead of the naive index
 * band, ahead of CATS. A policy that misses deadlines is not compared on saving (running late into
 * greener hours is not a saving the user asked for): such a cell says so and counts as met only if
 * the planner is ahead of every baseline that did meet its deadlines.
 */
export function targetLines(results: Record<string, unknown>): string[] {
  const lines = ["| region | family | ≥ 0.90 of oracle | ahead of naive | ahead of CATS |", "|---|---|---|---|---|"];
  for (const [region, families] of Object.entries(results as Record<string, Record<string, Record<string, Cell>>>)) {
    for (const [family, p] of Object.entries(families)) {
      const cal = p["planner-calibrated"];
      const frac = cal.fractionOfOracle >= 0.9 ? `met (${cal.fractionOfOracle.toFixed(3)})` : `**not met** (${cal.fractionOfOracle.toFixed(3)})`;
      const naive = vs(cal, p["naive-index-low"]);
      const cats = vs(cal, p.cats);
      lines.push(`| ${region} | ${family} | ${frac} | ${naive} | ${cats} |`);
    }
  }
  return lines;
}

function vs(cal: Cell, other: Cell): string {
  const gap = `${cal.savedPercent.toFixed(1)} vs ${other.savedPercent.toFixed(1)}`;
  if (other.deadlineMisses > 0) return `not comparable: ${other.deadlineMisses} late runs (${gap} saved)`;
  return cal.savedPercent > other.savedPercent ? `met (${gap})` : `**not met** (${gap})`;
}
