// The one place that reads process.env for the platform. A bad value fails at start
// with a message naming the variable.
import { z } from "zod";

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  GRIDSHIFT_DATA_DIR: z.string().min(1).default("./.data"),
  // 32 bytes as 64 hex characters or base64; see lib/crypto/secrets.ts.
  GRIDSHIFT_SECRET_KEY: z.string().min(1).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("GridShift <no-reply@gridshift.local>"),
  GRIDSHIFT_WORKER_TICK_SECONDS: z.coerce.number().positive().default(60),
  // Jobs one worker process runs at once (ticks, starts, watchers, accounting).
  GRIDSHIFT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // The planner's settings (lib/domain/planner/README.md). The window is capped by the planner's
  // 7-day look-ahead.
  GRIDSHIFT_DEFAULT_WINDOW_HOURS: z.coerce.number().positive().max(168).default(24),
  // A wait must save at least this share and this many grams (bench/README.md, "Minimum saving").
  GRIDSHIFT_MIN_SAVING_PERCENT: z.coerce.number().min(0).max(100).default(0),
  GRIDSHIFT_MIN_SAVING_GRAMS: z.coerce.number().min(0).max(1_000_000).default(1),
  GRIDSHIFT_HYSTERESIS_PERCENT: z.coerce.number().min(0).max(100).default(2),
  GRIDSHIFT_MAX_PAUSES: z.coerce.number().int().min(0).max(48).default(4),
  // How the worker runs and watches jobs (worker/jobs/catalogue.ts, worker/executors.ts).
  GRIDSHIFT_WATCH_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  GRIDSHIFT_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  GRIDSHIFT_MAX_LOG_BYTES: z.coerce.number().int().min(1024).max(1024 ** 3).default(5 * 1024 * 1024),
  GRIDSHIFT_START_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  GRIDSHIFT_SSH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // 0 keeps idle connections open; the upper bound is the longest timer Node can set.
  GRIDSHIFT_SSH_IDLE_MS: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(300_000),
  GRIDSHIFT_LOCAL_RUNS_ROOT: z.string().min(1).optional(),
  // Operator opt-in: a `local` server runs tasks as the worker's user, who can read the secret key (so every organisation's SSH credentials).
  GRIDSHIFT_LOCAL_SERVERS: z.enum(["on", "off"]).default("off"),
  GRIDSHIFT_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Grid intensity readings (and generation mixes) whose period ended longer ago are deleted.
  GRIDSHIFT_INTENSITY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new EnvError(`Invalid environment: ${issues.join("; ")}`);
}

export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * GRIDSHIFT_LOCAL_SERVERS, for the dashboard, the CLI, the demo and the worker. Read at each use,
 * not through env()'s cache: `npm run demo` sets it after start-up.
 */
export function localServersEnabled(): boolean {
  return parseEnv(process.env).GRIDSHIFT_LOCAL_SERVERS === "on";
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new EnvError("DATABASE_URL is not set (npm start sets it when it runs the embedded database)");
  return url;
}
