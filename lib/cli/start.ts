// `npm start`: prepares the runtime, builds the dashboard if its sources changed, then runs
// the dashboard (next start) and the worker side by side until either stops or a signal arrives.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { prepareRuntime } from "@/lib/cli/runtime";
import { seedDemo } from "@/lib/cli/demo";
import { env } from "@/lib/env";

const log = (line: string) => console.log(`[gridshift] ${line}`);
const args = new Set(process.argv.slice(2));
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
  const runtime = await prepareRuntime(log);
  if (args.has("--demo")) await seedDemo(log);
  spawnSync("npx", ["tsx", "lib/db/generate.ts"], { stdio: "ignore", env: process.env });
  if (!args.has("--dev")) buildIfNeeded();

  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  const children: ChildProcess[] = [
    spawn("npx", ["next", args.has("--dev") ? "dev" : "start", "-p", String(port)], { stdio: "inherit", env: process.env }),
    spawn("npx", ["tsx", "worker/main.ts"], { stdio: "inherit", env: process.env }),
  ];
  log(`dashboard on http://localhost:${port} (database: ${runtime.embedded ? "embedded" : "DATABASE_URL"})`);

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
    await runtime.stop();
    process.exit(code);
  };
  for (const child of children) child.once("exit", (code) => void stopAll(code ?? 1));
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));
}

main().catch((error) => {
  console.error(`[gridshift] ${(error as Error).message}`);
  process.exit(1);
});
