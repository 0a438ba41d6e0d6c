// Intensity refresh on every tick: lib/intensity decides which zones are due (the next half
// hour after a success, back-off after a failure) and applies retention.
import { runIntensityRefresh } from "@/lib/intensity/refresh";

export async function refreshIntensityIfDue(now: Date): Promise<void> {
  await runIntensityRefresh(now, (line) => console.log(`[worker] ${line}`));
}
