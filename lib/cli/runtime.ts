// What every entry point (npm start, the CLI, the worker) needs before touching data:
// a data dir, an encryption key, an auth secret and a database (embedded when no
// DATABASE_URL is given), migrated. Generated secrets live in the data dir.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateSecretKey, parseSecretKey } from "@/lib/crypto/secrets";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { databaseAnswers } from "@/lib/db/reachable";

export const EMBEDDED_PG_PORT = Number(process.env.GRIDSHIFT_EMBEDDED_PG_PORT ?? 54329);

export type Runtime = { dataDir: string; databaseUrl: string; embedded: boolean; stop: () => Promise<void> };

function readOrCreate(file: string, create: () => string, log: (l: string) => void, announce: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = create();
  writeFileSync(file, value + "\n", { mode: 0o600 });
  log(announce.replace("%s", file));
  return value;
}

export async function prepareRuntime(log: (line: string) => void): Promise<Runtime> {
  const dataDir = path.resolve(process.env.GRIDSHIFT_DATA_DIR ?? "./.data");
  mkdirSync(dataDir, { recursive: true });
  // Traversable but not listable: as root, the embedded PostgreSQL runs as its own user and
  // must reach its directory inside; the secret files themselves are 0600.
  chmodSync(dataDir, 0o711);

  if (!process.env.GRIDSHIFT_SECRET_KEY) {
    process.env.GRIDSHIFT_SECRET_KEY = readOrCreate(path.join(dataDir, "secret.key"), generateSecretKey, log,
      "generated a new encryption key for secrets at rest in %s: back it up, secrets cannot be decrypted without it");
  }
  parseSecretKey(process.env.GRIDSHIFT_SECRET_KEY); // fail now, naming the variable, if malformed
  process.env.NEXTAUTH_SECRET ??= readOrCreate(path.join(dataDir, "nextauth.secret"), () => randomBytes(32).toString("base64url"), log, "generated a session secret in %s");

  let stop = async () => {};
  let embedded = false;
  if (!process.env.DATABASE_URL) {
    const password = readOrCreate(path.join(dataDir, "postgres.password"), () => randomBytes(18).toString("base64url"), () => {}, "");
    const url = `postgresql://gridshift:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_PG_PORT}/gridshift`;
    if (await databaseAnswers(url)) {
      log(`using the embedded PostgreSQL already running on port ${EMBEDDED_PG_PORT}`);
    } else {
      log(`starting embedded PostgreSQL (data in ${path.join(dataDir, "postgres")}, port ${EMBEDDED_PG_PORT})`);
      const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: EMBEDDED_PG_PORT, password, log });
      stop = db.stop;
    }
    process.env.DATABASE_URL = url;
    embedded = true;
  }
  await migrate(process.env.DATABASE_URL, log);
  return { dataDir, databaseUrl: process.env.DATABASE_URL, embedded, stop };
}
