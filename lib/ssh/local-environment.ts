// What a job on a `local` server sees of the worker's environment: what a fresh SSH login would
// give it, nothing more. The worker's own variables hold DATABASE_URL, GRIDSHIFT_SECRET_KEY and
// NEXTAUTH_SECRET, which would let a task read or forge every organisation's data. Pure.

/** Variables a login shell has: where programs are, who and where the user is, locale and time zone. */
const PASSED = new Set(["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR"]);
const FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

type Environment = Record<string, string | undefined>;

export function localRunEnvironment(worker: Environment): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(worker)) {
    if (value !== undefined && (PASSED.has(name) || name.startsWith("LC_"))) env[name] = value;
  }
  env.PATH ??= FALLBACK_PATH;
  return env;
}
