// `npm start`: prepares the runtime, builds the dashboard if its sources changed, then runs
// the dashboard (next start) and the worker side by side until either stops or a signal arrives.
// package.json runs this with `exec`, so npm's SIGTERM reaches it: `sh -c` would not pass it on.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { prepareRuntime, type Runtime } from "@/lib/cli/runtime";
import { stopEmbeddedPostgresOnlyWhenAsked } from "@/lib/db/embedded";
import { seedDemo } from "@/lib/cli/demo";
import { startProcess, stopProcesses, type Supervised } from "@/lib/cli/supervise";
import { env } from "@/lib/env";

const log = (line: string) => console.log(`[gridshift] ${line}`);
const args = new Set(process.argv.slice(2));
// The worker lets running jobs finish on SIGTERM; past this it is killed (its runs are recovered at its next start).
const STOP_GRACE_MS = 30_000;
const SOURCES = ["app", "lib", "public", "next.config.js", "package-lock.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry)
    .filter((name) => name !== "generated" && !name.startsWith("."))
    .reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function buildIfNeeded() {
  const buildId = ".next/BUILD_ID";
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestMtime))) return;
  log(built ? "sources changed since the last build: rebuilding the dashboard" : "building the dashboard (first start)");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error("next build failed");
}

async function main() {
  // The demo's server is `local`, so the demo is the operator opting in (unless they said off).
  if (args.has("--demo") && !process.env.GRIDSHIFT_LOCAL_SERVERS) process.env.GRIDSHIFT_LOCAL_SERVERS = "on";
  const port = env().PORT;
  let runtime: Runtime | undefined;
  const children: Supervised[] = [];
  let stopping = false;
  // Handled from the start; the database stops last, after the dashboard and worker using it.
  const stopAll = async (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    if (children.length > 0) log(`${why}: stopping the dashboard and the worker`);
    await stopProcesses(children, { graceMs: STOP_GRACE_MS, log });
    await runtime?.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0, signal));
  stopEmbeddedPostgresOnlyWhenAsked();

  runtime = await prepareRuntime(log);
  if (args.has("--demo")) await seedDemo(log);
  spawnSync("npx", ["tsx", "lib/db/generate.ts"], { stdio: "ignore", env: process.env });
  if (!args.has("--dev")) buildIfNeeded();
  if (stopping) return;

  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  // The binaries themselves rather than `npx`: one process fewer between a signal and its target.
  const bin = (name: string) => path.join("node_modules", ".bin", name);
  children.push(
    startProcess("dashboard", bin("next"), [args.has("--dev") ? "dev" : "start", "-p", String(port)], { env: process.env }),
    startProcess("worker", bin("tsx"), ["worker/main.ts"], { env: process.env }),
  );
  for (const p of children) void p.exited.then((code) => stopAll(code ?? 1, `${p.name} exited${code === null ? "" : ` with code ${code}`}`));
  log(`dashboard on http://localhost:${port} (database: ${runtime.embedded ? "embedded" : "DATABASE_URL"})`);
}

main().catch((error) => {
  console.error(`[gridshift] ${(error as Error).message}`);
  process.exit(1);
});
