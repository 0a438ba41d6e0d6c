import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ProviderError } from "../errors";
import { addMs, HOUR_MS } from "../time";
import type { IntensityProvider, IntensityReading } from "../types";
import type { Zone } from "../zones";
import { parseReplayCsv, replayWindow, ReplayFormatError, type ReplaySeries } from "./replay-series";

/**
 * Serves a recorded CSV series (`timestamp,value`) shifted to the present, for demos,
 * offline installs and benchmarks. `replay:<name>` reads `<name>.csv` from the configured
 * directory first, then from the series shipped in lib/carbon/data/.
 */
export const REPLAY_ID = "replay";
// Next bundles server code away from its source, so the cwd-based path (npm scripts run from
// the repo root) backs up the module-relative one.
export const BUILTIN_REPLAY_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "data");
const BUILTIN_REPLAY_DIR_FROM_CWD = join(process.cwd(), "lib", "carbon", "data");

const SAFE_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export interface ReplayOptions {
  /** Directories searched in order; the built-in directory is always searched last. */
  dirs?: string[];
  now?: () => Date;
}

export function createReplayProvider(options: ReplayOptions = {}): IntensityProvider {
  const dirs = [...new Set([...(options.dirs ?? []), BUILTIN_REPLAY_DIR, BUILTIN_REPLAY_DIR_FROM_CWD])];
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, Promise<ReplaySeries>>();

  function series(name: string): Promise<ReplaySeries> {
    let loaded = cache.get(name);
    if (!loaded) {
      loaded = loadSeries(name, dirs);
      // A failed load is not cached: the file may appear later (e.g. a mounted volume).
      loaded.catch(() => cache.delete(name));
      cache.set(name, loaded);
    }
    return loaded;
  }

  async function readingsIn(zone: Zone, from: Date, to: Date, kind: IntensityReading["kind"]): Promise<IntensityReading[]> {
    const name = replayName(zone);
    const slots = replayWindow(await series(name), from, to);
    return slots.map((slot) => ({ start: slot.start, end: slot.end, gCO2PerKWh: slot.value, kind, source: `${REPLAY_ID}:${name}` }));
  }

  return {
    id: REPLAY_ID,
    async current(zone) {
      const at = now();
      const [reading] = await readingsIn(zone, at, addMs(at, 1), "actual");
      return reading ?? null;
    },
    forecast: (zone, from, hours) => readingsIn(zone, from, addMs(from, hours * HOUR_MS), "forecast"),
    history: (zone, from, to) => readingsIn(zone, from, to, "actual"),
  };
}

function replayName(zone: Zone): string {
  if (zone.kind === "replay" && SAFE_NAME.test(zone.name)) return zone.name;
  throw new ProviderError({ kind: "unsupported", provider: REPLAY_ID, message: `cannot serve zone kind ${zone.kind}` });
}

async function loadSeries(name: string, dirs: string[]): Promise<ReplaySeries> {
  for (const dir of dirs) {
    const text = await readFile(join(dir, `${name}.csv`), "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (text === null) continue;
    try {
      return parseReplayCsv(name, text);
    } catch (error) {
      if (!(error instanceof ReplayFormatError)) throw error;
      throw new ProviderError({ kind: "malformed", provider: REPLAY_ID, path: `${name}.csv`, message: error.message, cause: error });
    }
  }
  throw new ProviderError({ kind: "not_found", provider: REPLAY_ID, message: `no recorded series "${name}" in ${dirs.join(", ")}` });
}
