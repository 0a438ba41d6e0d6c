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
