// Carbon accounting jobs: account a run once it has finished, and again when the actual
// intensity of its periods lands. Re-reads everything, so a repeat only rewrites the figures.
import { unsafeAccountRun, unsafeRunsNeedingReaccounting } from "@/lib/data/accounting";
import { formatCarbons } from "@/lib/domain/insights/format";
import { jobKeys, type AddJob } from "@/worker/jobs/catalogue";

export async function accountRunJob(runId: string, deps: { log: (line: string) => void }, now = new Date()): Promise<void> {
  const accounting = await unsafeAccountRun(runId, now);
  if (!accounting) return;
  // Shared decimals, so a small run reads "0.0040 g … saved 0.0012 g" rather than "0.00 … 0.00".
  const [carbon, saved] = formatCarbons([accounting.carbonG, accounting.savedCarbonG]);
  deps.log(`run ${runId}: ${carbon} CO2e (${accounting.energyMethod}, ${accounting.intensityBasis} intensity), saved ${saved}`);
}

/** From the tick: queue accounting for runs never accounted or whose actuals have landed. */
export async function enqueueReaccounting(deps: { addJob: AddJob; log: (line: string) => void }, now: Date): Promise<void> {
  try {
    for (const runId of await unsafeRunsNeedingReaccounting(now)) await deps.addJob("account-run", { runId }, { jobKey: jobKeys.account(runId), maxAttempts: 5 });
  } catch (error) {
    deps.log(`re-accounting scan failed: ${(error as Error).message}`);
  }
}
