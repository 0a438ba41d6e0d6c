// Generation mix per zone and period (UK zones only today). One row per (zone, periodStart):
// a re-fetch of the same period replaces the shares, there is no history to keep.
import { db } from "@/lib/db/client";

export interface GenerationMixInput {
  start: Date;
  end: Date;
  fuels: { fuel: string; percent: number }[];
}

export type GenerationMixDto = { zone: string; periodStart: string; periodEnd: string; source: string; fuels: { fuel: string; percent: number }[] };

export async function storeGenerationMix(zone: string, mix: GenerationMixInput, source: string, fetchedAt: Date): Promise<void> {
  const fuels = mix.fuels.map((f) => ({ fuel: f.fuel, percent: f.percent }));
  await db().generationMix.upsert({
    where: { zone_periodStart: { zone, periodStart: mix.start } },
    create: { zone, periodStart: mix.start, periodEnd: mix.end, fuels, source, fetchedAt },
    update: { periodEnd: mix.end, fuels, source, fetchedAt },
  });
}

/** The newest mix for a period that has started by `at`. */
export async function latestGenerationMix(zone: string, at: Date): Promise<GenerationMixDto | null> {
  const row = await db().generationMix.findFirst({ where: { zone, periodStart: { lte: at } }, orderBy: { periodStart: "desc" } });
  if (!row) return null;
  const fuels = Array.isArray(row.fuels) ? (row.fuels as { fuel: string; percent: number }[]) : [];
  return { zone, periodStart: row.periodStart.toISOString(), periodEnd: row.periodEnd.toISOString(), source: row.source, fuels };
}
