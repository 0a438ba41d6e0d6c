// One migrated database for the whole Vitest run; suites isolate themselves by creating
// their own organisations (random names), as real tenants would.
import { randomBytes } from "node:crypto";
import { useOfflineProviders } from "@/lib/testing/offline-providers";
import { createTestDatabase } from "@/lib/testing/test-db";

export default async function setup() {
  useOfflineProviders();
  const database = await createTestDatabase("vitest");
  process.env.DATABASE_URL = database.url;
  process.env.GRIDSHIFT_SECRET_KEY ??= randomBytes(32).toString("hex");
  return async () => {
    await database.drop();
  };
}
