// Builds the dashboard, creates a fresh database and serves the production build on
// loopback for the browser suites. Workers inherit DATABASE_URL to seed through lib code.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { useOfflineProviders } from "../../lib/testing/offline-providers";
import { createTestDatabase } from "../../lib/testing/test-db";

async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`dashboard did not become healthy at ${url}`);
}

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  const port = new URL(baseURL).port;
  useOfflineProviders();
  const database = await createTestDatabase("e2e");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    GRIDSHIFT_SECRET_KEY: process.env.GRIDSHIFT_SECRET_KEY ?? randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
    GRIDSHIFT_NEXT_DIST_DIR: process.env.GRIDSHIFT_NEXT_DIST_DIR ?? `.next-e2e-${port}`,
    // The suites run tasks on `local` servers: the dashboard, the worker and the seeding test workers all see it.
    GRIDSHIFT_LOCAL_SERVERS: "on",
  });
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: ["ignore", "inherit", "inherit"], env: process.env, detached: true });
  // The real worker, on the same database, running `local` tasks in a scratch directory.
  const worker = spawn("npx", ["tsx", "worker/main.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, GRIDSHIFT_LOCAL_RUNS_ROOT: mkdtempSync(path.join(os.tmpdir(), "gridshift-e2e-runs-")), GRIDSHIFT_WATCH_INTERVAL_MS: "500" },
    detached: true,
  });
  await waitForHealth(`${baseURL}/api/health`, 120_000);
  return async () => {
    for (const child of [worker, server]) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    await database.drop();
  };
}
