// The accounting jobs on a real database of their own (the re-accounting scan crosses tenants).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCarbons } from "@/lib/domain/insights/format";
import { switchToIsolatedDatabase } from "@/lib/testing/test-db";
import type { AddJob, JobName, JobPayloads } from "@/worker/jobs/catalogue";

let restoreDatabase: () => Promise<void>;
let m: typeof import("@/worker/jobs/account-run") & typeof import("@/lib/testing/accounting-fixtures") & typeof import("@/lib/testing/factories") & typeof import("@/lib/db/client");

beforeAll(async () => {
  restoreDatabase = await switchToIsolatedDatabase("accountjob");
  m = { ...(await import("@/worker/jobs/account-run")), ...(await import("@/lib/testing/accounting-fixtures")), ...(await import("@/lib/testing/factories")), ...(await import("@/lib/db/client")) };
});

afterAll(async () => restoreDatabase());

describe("account-run jobs", () => {
  it("the tick queues finished runs never accounted; the job accounts them once", async () => {
    const tenant = await m.seedTenant("job");
    const startedAt = new Date(Date.now() - 2 * 3_600_000);
    const seeded = await m.seedFinishedRun(tenant.organisationId, { startedAt, minutes: 30, queuedMinutesBefore: 30, cpuRunPercent: 40, intensity: () => 120 });
    const queue: { name: JobName; payload: JobPayloads[JobName] }[] = [];
    const addJob: AddJob = async (name, payload) => void queue.push({ name, payload });
    const lines: string[] = [];
    await m.enqueueReaccounting({ addJob, log: (l) => lines.push(l) }, new Date());
    expect(queue).toContainEqual({ name: "account-run", payload: { runId: seeded.run.id } });

    await m.accountRunJob(seeded.run.id, { log: (l) => lines.push(l) });
    const row = await m.db().run.findUniqueOrThrow({ where: { id: seeded.run.id } });
    expect(row.carbonG).toBeGreaterThan(0);
    const [carbon, saved] = formatCarbons([row.carbonG, row.savedCarbonG]);
    expect(lines.at(-1)).toBe(`run ${seeded.run.id}: ${carbon} CO2e (teads-curve, actual intensity), saved ${saved}`);

    queue.length = 0;
    await m.enqueueReaccounting({ addJob, log: () => {} }, new Date());
    expect(queue).not.toContainEqual({ name: "account-run", payload: { runId: seeded.run.id } });
  });
});
