// The dashboard only writes rows; asking the worker to re-plan soon is one more row: a
// de-duplicated `tick` job in graphile-worker's queue. Before any worker has run (no job
// schema yet) this is a no-op: the first tick plans everything anyway.
import { db } from "@/lib/db/client";

export async function requestTick(): Promise<void> {
  try {
    await db().$executeRawUnsafe(
      `SELECT graphile_worker.add_job('tick', '{}'::json, job_key := 'tick-now', job_key_mode := 'preserve_run_at', max_attempts := 1)`,
    );
  } catch {
    // No worker schema yet.
  }
}
