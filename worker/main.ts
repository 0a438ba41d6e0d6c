// The worker process. Until dispatch lands it only proves it can reach the database and
// reports that it is idle each tick; it stops taking work and exits cleanly on SIGTERM.
import { prepareRuntime } from "@/lib/cli/runtime";
import { db, disconnectDb } from "@/lib/db/client";
import { env } from "@/lib/env";

const log = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  await prepareRuntime(log);
  const tickMs = env().GRIDSHIFT_WORKER_TICK_SECONDS * 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const queued = await db().task.count({ where: { status: { in: ["queued", "planned"] } } });
    log(`idle: ${queued} task(s) waiting; dispatch is not enabled yet`);
    if (!stopping) timer = setTimeout(() => void tick().catch((e) => log(`tick failed: ${(e as Error).message}`)), tickMs);
  };
  const stop = async () => {
    stopping = true;
    clearTimeout(timer);
    await disconnectDb();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  await tick();
}

main().catch((error) => {
  console.error(`[worker] ${(error as Error).message}`);
  process.exit(1);
});
