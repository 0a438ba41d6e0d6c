// `gridshift intensity …`: readings straight from the provider (no database needed) as JSON
// lines, and `backfill`, which stores a provider's history. Errors surface as one line.
import { carbonConfigFromEnv, createCarbonRegistry, safeParseZone, type CarbonRegistry, type IntensityReading } from "@/lib/carbon";
import { unsafeResolveOrganisation } from "@/lib/cli/organisation-lookup";
import { prepareRuntime } from "@/lib/cli/runtime";
import { carbonConfigForOrganisation } from "@/lib/data/intensity-credentials";
import { readForAccuracy } from "@/lib/data/intensity";
import { disconnectDb } from "@/lib/db/client";
import { forecastAccuracy } from "@/lib/domain/forecast-accuracy";
import { AppError } from "@/lib/errors";
import { backfillZone } from "@/lib/intensity/refresh";
import { parseInput } from "@/lib/validation/parse";
import { ZIntensityRange } from "@/lib/validation/intensity";

export const INTENSITY_USAGE = `  intensity current|forecast|history --zone Z [--from ISO] [--to ISO | --hours 48] [--org ORG]
  intensity backfill --zone Z --from ISO --to ISO [--org ORG]
  intensity accuracy --zone Z [--from ISO --to ISO]   (stored forecasts against actuals; default: the last 7 days)
Intensity verbs print JSON lines; --org uses that organisation's provider credentials.`;

export type IntensityOpts = { zone?: string; from?: string; to?: string; hours?: string; org?: string };

const HOUR_MS = 3_600_000;

function zoneOf(opts: IntensityOpts): string {
  if (!opts.zone) throw new AppError("validation", "--zone is required (e.g. uk:region:13, em:DE, replay:gb-lwa2020-week)");
  const parsed = safeParseZone(opts.zone);
  if (!parsed.ok) throw new AppError("validation", `--zone: ${parsed.message}`);
  return opts.zone.trim();
}

function range(opts: IntensityOpts, zone: string, defaults: { from: Date; to: Date }) {
  return parseInput(ZIntensityRange, { zone, from: opts.from ?? defaults.from, to: opts.to ?? defaults.to });
}

const line = (zone: string, r: IntensityReading) =>
  JSON.stringify({ zone, start: r.start.toISOString(), end: r.end.toISOString(), gCO2PerKWh: r.gCO2PerKWh, kind: r.kind, index: r.index ?? null, source: r.source });

async function registryFor(opts: IntensityOpts): Promise<CarbonRegistry> {
  const base = carbonConfigFromEnv();
  if (!opts.org) return createCarbonRegistry(base);
  const org = await unsafeResolveOrganisation(opts.org);
  return createCarbonRegistry(await carbonConfigForOrganisation(org.id, base));
}

/** Forecast error by lead time, from what the store kept: no provider is asked. */
async function accuracy(zone: string, opts: IntensityOpts, now: Date, print: (line: string) => void) {
  const r = range(opts, zone, { from: new Date(now.getTime() - 7 * 24 * HOUR_MS), to: now });
  const { forecasts, actuals } = await readForAccuracy(zone, r.from, r.to);
  for (const bucket of forecastAccuracy(forecasts, actuals)) print(JSON.stringify({ zone, ...bucket }));
}

async function run(verb: string, opts: IntensityOpts, print: (line: string) => void): Promise<void> {
  const zone = zoneOf(opts);
  const now = new Date();
  if (verb === "accuracy") return accuracy(zone, opts, now, print);
  const registry = await registryFor(opts);
  const { zone: parsed, provider } = registry.resolve(zone);
  switch (verb) {
    case "current": {
      const reading = await provider.current(parsed);
      if (!reading) throw new AppError("not_found", `${provider.id}: no reading for the current period in ${zone}`);
      return print(line(zone, reading));
    }
    case "forecast": {
      const from = opts.from ? range(opts, zone, { from: now, to: new Date(8.64e15) }).from : now;
      const hours = opts.to ? (range(opts, zone, { from, to: now }).to.getTime() - from.getTime()) / HOUR_MS : Number(opts.hours ?? 48);
      if (!(hours > 0 && hours <= 14 * 24)) throw new AppError("validation", "--hours must be more than 0 and at most 336");
      return (await provider.forecast(parsed, from, hours)).forEach((r) => print(line(zone, r)));
    }
    case "history": {
      const r = range(opts, zone, { from: new Date(now.getTime() - 24 * HOUR_MS), to: now });
      return (await provider.history(parsed, r.from, r.to)).forEach((reading) => print(line(zone, reading)));
    }
    case "backfill": {
      if (!opts.from || !opts.to) throw new AppError("validation", "backfill needs --from and --to");
      const r = range(opts, zone, { from: now, to: now });
      const result = await backfillZone(registry, zone, r.from, r.to, now);
      return print(`backfilled ${zone}: ${result.fetched} readings from ${provider.id} (${result.inserted} new, ${result.superseded} superseded, ${result.unchanged} unchanged)`);
    }
    default:
      throw new AppError("validation", `unknown intensity verb "${verb}"\n${INTENSITY_USAGE}`);
  }
}

/** Only `backfill`, `accuracy` and `--org` need the database; plain reads work on a machine without one. */
export async function runIntensityCommand(verb: string, opts: IntensityOpts, print: (line: string) => void = console.log): Promise<void> {
  const needsDatabase = verb === "backfill" || verb === "accuracy" || !!opts.org;
  if (!needsDatabase) return run(verb, opts, print);
  await prepareRuntime(() => {});
  try {
    await run(verb, opts, print);
  } finally {
    await disconnectDb();
  }
}
