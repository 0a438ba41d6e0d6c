// A real PostgreSQL database per test run: created, migrated, dropped. Uses the server at
// TEST_DATABASE_ADMIN_URL (default: the local one on 127.0.0.1:5432) and falls back to an
// embedded PostgreSQL when none answers, so a fresh machine needs no database set-up.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { databaseAnswers } from "@/lib/db/reachable";

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { url: string; drop: () => Promise<void> };

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const loopback = host === "localhost" || host === "::1" || /^127\./.test(host);
  if (!loopback) throw new Error(`Refusing to run tests against a non-loopback database (${host})`);
}

async function adminServer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const configured = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  assertLoopback(configured);
  if (await databaseAnswers(configured, 2000)) return { adminUrl: configured, stop: async () => {} };
  const dir = mkdtempSync(path.join(os.tmpdir(), "gridshift-testpg-"));
  chmodSync(dir, 0o711); // as root, PostgreSQL runs as its own user and must reach inside
  const embedded = await startEmbeddedPostgres({ dataDir: dir, password: "test", persistent: false });
  const adminUrl = embedded.url.replace(/\/gridshift$/, "/postgres");
  return {
    adminUrl,
    stop: async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  const { adminUrl, stop } = await adminServer();
  const name = `gridshift_${label}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await stop();
    },
  };
}

/**
 * For suites whose code works across tenants (the worker): a database of their own, so a
 * tick never claims tasks that other suites create in parallel. Call at the top of a file.
 */
export async function switchToIsolatedDatabase(label: string): Promise<() => Promise<void>> {
  const { disconnectDb } = await import("@/lib/db/client");
  const previous = process.env.DATABASE_URL;
  const database = await createTestDatabase(label);
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  return async () => {
    await disconnectDb();
    process.env.DATABASE_URL = previous;
    await database.drop();
  };
}
