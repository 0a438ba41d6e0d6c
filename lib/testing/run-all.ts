// `npm test`: every suite, in order, with one closing line "N passed, N failed".
// Steps: system dependencies, Prisma client, type check, Vitest (unit + integration on real
// PostgreSQL and sshd), Playwright (real Chromium against a production build).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { ensureSystemDependencies } from "@/lib/testing/system-deps";

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const log = (line: string) => console.log(`[test] ${line}`);

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): number {
  log(`${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function step(label: string, ok: boolean) {
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    log(`${label} FAILED`);
  }
}

function main() {
  mkdirSync("test-results", { recursive: true });
  try {
    ensureSystemDependencies(log);
  } catch (error) {
    console.error((error as Error).message);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  step("prisma generate", run("prisma", "npx", ["tsx", "lib/db/generate.ts"]) === 0);
  step("typecheck", run("typecheck", "npx", ["tsc", "--noEmit"]) === 0);

  const vitestStatus = run("vitest", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
  const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>("test-results/vitest.json");
  if (vitest) {
    totals.passed += vitest.numPassedTests;
    totals.failed += vitest.numFailedTests;
    totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  }
  if (vitestStatus !== 0 && (!vitest || vitest.numFailedTests === 0)) step("vitest (suite error)", false);

  if (existsSync("e2e") && readdirSync("e2e").some((f) => f.endsWith(".spec.ts"))) {
    const pwStatus = run("playwright", "npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json" });
    const pw = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>("test-results/playwright.json");
    if (pw) {
      totals.passed += pw.stats.expected + pw.stats.flaky;
      totals.failed += pw.stats.unexpected;
      totals.skipped += pw.stats.skipped;
    }
    if (pwStatus !== 0 && (!pw || pw.stats.unexpected === 0)) step("playwright (suite error)", false);
  }

  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : "";
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(totals.failed === 0 ? 0 : 1);
}

main();
