// `npm run gridshift -- <verb>`: administration from the command line, on the same database
// and through the same lib functions (validation, encryption, scoping) as the dashboard.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { prepareRuntime } from "@/lib/cli/runtime";
import { unsafeListOrganisations, unsafeResolveOrganisation } from "@/lib/cli/organisation-lookup";
import { disconnectDb } from "@/lib/db/client";
import { registerUserWithOrganisation } from "@/lib/data/organisations";
import { createServer, listServers } from "@/lib/data/servers";
import { createTask, listTasks } from "@/lib/data/tasks";
import { AppError } from "@/lib/errors";
import { ZSignUpInput } from "@/lib/validation/auth";
import { parseInput } from "@/lib/validation/parse";
import { ZServerInput } from "@/lib/validation/server";
import { ZTaskInput } from "@/lib/validation/task";
import { INTENSITY_USAGE, runIntensityCommand } from "@/lib/cli/intensity-commands";

const USAGE = `usage: npm run gridshift -- <verb> [options]
  user create --email E --name N --password P --org "Org name"
  orgs list [--json]
  server add --org ORG --name N --kind local|ssh [--host H --port 22 --user U --key-file F [--passphrase P] | --password P]
             --zone uk:region:13 [--tags a,b] [--tdp 65 --vcpus 8 --memory 16 --max-concurrent 1]
  servers list --org ORG [--json]
  task add --org ORG --server SERVER --name N --command C --dir D --duration MINUTES [--deadline ISO] [--policy greenest|threshold|run_now] [--threshold G]
  tasks list --org ORG [--server SERVER] [--json]
${INTENSITY_USAGE}
ORG is an organisation id or exact name; SERVER a server id or name.`;

const OPTIONS = {
  email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, org: { type: "string" },
  kind: { type: "string" }, host: { type: "string" }, port: { type: "string" }, user: { type: "string" },
  "key-file": { type: "string" }, passphrase: { type: "string" }, zone: { type: "string" }, tags: { type: "string" },
  tdp: { type: "string" }, vcpus: { type: "string" }, memory: { type: "string" }, "max-concurrent": { type: "string" },
  server: { type: "string" }, command: { type: "string" }, dir: { type: "string" }, duration: { type: "string" },
  from: { type: "string" }, to: { type: "string" }, hours: { type: "string" },
  deadline: { type: "string" }, policy: { type: "string" }, threshold: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" },
} as const;

type Opts = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function required(opts: Opts, key: keyof Opts): string {
  const value = opts[key];
  if (typeof value !== "string" || value === "") throw new AppError("validation", `--${key} is required`);
  return value;
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function print(rows: Record<string, unknown>[], json: boolean | undefined, columns: string[]) {
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) return console.log("(none)");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  console.log(columns.map((c, i) => c.padEnd(widths[i])).join("  "));
  for (const r of rows) console.log(columns.map((c, i) => String(r[c] ?? "").padEnd(widths[i])).join("  "));
}

async function resolveServerId(orgId: string, idOrName: string): Promise<string> {
  const match = (await listServers(orgId)).find((s) => s.id === idOrName || s.name === idOrName);
  if (!match) throw new AppError("not_found", `no server "${idOrName}" in this organisation`);
  return match.id;
}

async function run(verb: string, opts: Opts) {
  switch (verb) {
    case "user create": {
      const input = parseInput(ZSignUpInput, { email: opts.email, name: opts.name, password: opts.password, organisationName: opts.org });
      const { user, organisationId } = await registerUserWithOrganisation({ ...input, organisationName: required(opts, "org") });
      return print([{ userId: user.id, email: user.email, organisationId }], opts.json, ["userId", "email", "organisationId"]);
    }
    case "orgs list": {
      const orgs = await unsafeListOrganisations();
      return print(orgs.map((o) => ({ id: o.id, name: o.name, members: o._count.memberships, servers: o._count.servers, tasks: o._count.tasks })), opts.json, ["id", "name", "members", "servers", "tasks"]);
    }
    case "server add": {
      const org = await unsafeResolveOrganisation(required(opts, "org"));
      const keyFile = opts["key-file"];
      const input = parseInput(ZServerInput, defined({
        name: opts.name, kind: opts.kind ?? "ssh", host: opts.host, port: opts.port, username: opts.user,
        authMethod: opts.kind === "local" ? undefined : keyFile ? "key" : opts.password ? "password" : undefined,
        privateKey: keyFile ? readFileSync(keyFile, "utf8") : undefined, passphrase: opts.passphrase, password: opts.password,
        gridZone: opts.zone, tags: opts.tags?.split(",").map((t) => t.trim()).filter(Boolean),
        cpuTdpWatts: opts.tdp, vcpusTotal: opts.vcpus, vcpusAvailable: opts.vcpus, memoryGb: opts.memory, maxConcurrentTasks: opts["max-concurrent"],
      }));
      const server = await createServer(org.id, input);
      return print([server], opts.json, ["id", "name", "kind", "host", "gridZone"]);
    }
    case "servers list": {
      const org = await unsafeResolveOrganisation(required(opts, "org"));
      return print(await listServers(org.id), opts.json, ["id", "name", "kind", "host", "port", "gridZone", "maxConcurrentTasks"]);
    }
    case "task add": {
      const org = await unsafeResolveOrganisation(required(opts, "org"));
      const serverId = await resolveServerId(org.id, required(opts, "server"));
      const input = parseInput(ZTaskInput, defined({
        serverId, name: opts.name, command: opts.command, workingDirectory: opts.dir, expectedDurationMinutes: opts.duration,
        deadline: opts.deadline, carbonPolicy: opts.policy, carbonThresholdGPerKwh: opts.threshold,
      }));
      return print([await createTask(org.id, input, null)], opts.json, ["id", "name", "status", "position"]);
    }
    case "tasks list": {
      const org = await unsafeResolveOrganisation(required(opts, "org"));
      const serverId = opts.server ? await resolveServerId(org.id, opts.server) : undefined;
      return print(await listTasks(org.id, { serverId }), opts.json, ["id", "name", "status", "position", "serverId", "plannedStart"]);
    }
    default:
      throw new AppError("validation", `unknown command "${verb}"\n${USAGE}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const fields = Object.entries(error.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v.join(", ")}`);
    return fields.length ? `${error.message} (${fields.join("; ")})` : error.message;
  }
  return (error as Error).message ?? String(error);
}

async function main() {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  if (positionals[0] === "intensity") return runIntensityCommand(positionals[1] ?? "", values);
  await prepareRuntime(() => {});
  try {
    await run(positionals.slice(0, 2).join(" "), values);
  } finally {
    await disconnectDb();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`gridshift: ${describe(error)}`);
    process.exit(1);
  });
