import { readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTestDatabase } from "@/lib/testing/test-db";

describe("migrations", () => {
  it("apply once even when several processes start together", async () => {
    const database = await createTestDatabase("migrate");
    try {
      const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
      expect(results.flat()).toEqual([]); // createTestDatabase already applied them all
      const client = new pg.Client(database.url);
      await client.connect();
      const rows = await client.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
      await client.end();
      expect(rows.rows.map((r) => r.migration_name)).toEqual((await readMigrations()).map((m) => m.name));
    } finally {
      await database.drop();
    }
  });

  it("match the Prisma schema: every scalar field is a column with the declared nullability", async () => {
    const client = new pg.Client(process.env.DATABASE_URL);
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    await client.end();
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === "YES"]));
    const optional = optionalFieldsFromSchema(readFileSync("prisma/schema.prisma", "utf8"));
    const expected: string[] = [];
    for (const model of Object.values(Prisma.ModelName)) {
      const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]);
      for (const field of fields) {
        const key = `${model}.${field}`;
        expected.push(key);
        expect(columns.has(key), `column ${key}`).toBe(true);
        expect(columns.get(key), `nullability of ${key}`).toBe(optional.has(key));
      }
    }
    const tables = new Set<string>(Object.values(Prisma.ModelName));
    const extra = [...columns.keys()].filter((k) => tables.has(k.split(".")[0]) && !expected.includes(k));
    expect(extra).toEqual([]);
  });

  it("backfills a run's GPU energy as what its other parts leave of the total", async () => {
    const database = await createTestDatabase("migrate-gpu");
    const client = new pg.Client(database.url);
    await client.connect();
    try {
      // Rewind to before the migration, with runs accounted when GPU energy was only in the total.
      await client.query(`ALTER TABLE "Run" DROP COLUMN "gpuEnergyKwh"`);
      await client.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = '20261205010000_run_gpu_energy'`);
      await client.query(`INSERT INTO "Organisation" (id, name, "updatedAt") VALUES ('o', 'o', now())`);
      await client.query(`INSERT INTO "Server" (id, "organisationId", name, kind, "gridZone", "cpuTdpWatts", "vcpusTotal", "vcpusAvailable", "memoryGb", "embodiedGco2e", "lifespanYears", "updatedAt")
        VALUES ('s', 'o', 's', 'local', 'GB', 100, 4, 4, 8, 1000, 4, now())`);
      await client.query(`INSERT INTO "Task" (id, "organisationId", "serverId", name, "workingDirectory", command, position, "expectedDurationMinutes", "updatedAt")
        VALUES ('t', 'o', 's', 't', '/tmp', 'true', 0, 10, now())`);
      const runs: [string, number | null, number | null, number | null, number | null][] = [
        // id, cpu, memory, network, total
        ["gpu", 0.05, 0.01, 0.001, 0.261],
        ["cpu-noise-up", 0.1, 0.2, 0, 0.1 + 0.2], // 0.30000000000000004: leaves 5.6e-17
        ["cpu-noise-down", 0.1, 0.2, 0, 0.3], // leaves -2.8e-17
        ["not-accounted", null, null, null, null],
        ["part-missing", 0.1, 0.2, null, 0.5],
      ];
      for (const [i, [id, cpu, memory, network, total]] of runs.entries()) {
        await client.query(
          `INSERT INTO "Run" (id, "organisationId", "taskId", "serverId", attempt, "queuedAt", "updatedAt", "cpuEnergyKwh", "memoryEnergyKwh", "networkEnergyKwh", "energyKwh")
           VALUES ($1, 'o', 't', 's', $2, now(), now(), $3, $4, $5, $6)`,
          [id, i + 1, cpu, memory, network, total],
        );
      }
      expect(await migrate(database.url)).toEqual(["20261205010000_run_gpu_energy"]);
      const { rows } = await client.query<{ id: string; gpuEnergyKwh: number | null }>(`SELECT id, "gpuEnergyKwh" FROM "Run"`);
      const gpu = Object.fromEntries(rows.map((r) => [r.id, r.gpuEnergyKwh]));
      expect(gpu.gpu).toBeCloseTo(0.2, 12);
      expect(gpu).toMatchObject({ "cpu-noise-up": 0, "cpu-noise-down": 0, "not-accounted": null, "part-missing": null });
    } finally {
      await client.end();
      await database.drop();
    }
  });
});

// "Model.field" for every optional (`Type?`) or list field; Postgres arrays are nullable columns.
function optionalFieldsFromSchema(schema: string): Set<string> {
  const out = new Set<string>();
  let model: string | null = null;
  for (const line of schema.split("\n")) {
    const open = line.match(/^model (\w+) \{/);
    if (open) model = open[1];
    else if (line.startsWith("}")) model = null;
    else if (model) {
      const field = line.trim().match(/^(\w+)\s+(\w+)(\?|\[\])?/);
      if (field?.[3]) out.add(`${model}.${field[1]}`);
    }
  }
  return out;
}
