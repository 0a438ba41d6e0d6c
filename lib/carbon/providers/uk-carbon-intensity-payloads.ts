import { z } from "zod";
import { INTENSITY_INDEXES } from "../types";

/**
 * Wire shapes of api.carbonintensity.org.uk (docs: carbon-intensity.github.io/api-definitions).
 * Times are UTC `YYYY-MM-DDThh:mmZ`. Regional single-region answers come in two shapes: the
 * ranged `/regional/intensity/{from}/{to|fw48h}/regionid/{id}` answers `data` as an OBJECT,
 * the current-half-hour `/regional/regionid/{id}` as an ARRAY of one region. Both parse here.
 */
const ZUkTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/, "expected a UTC time like 2023-03-13T03:30Z")
  .transform((value) => new Date(value));

const ZIndex = z.enum(INTENSITY_INDEXES);

const ZFuelShare = z.object({ fuel: z.string(), perc: z.number() });

export const ZNationalIntensity = z.object({
  data: z.array(
    z.object({
      from: ZUkTime,
      to: ZUkTime,
      intensity: z.object({
        forecast: z.number().nullable(),
        actual: z.number().nullable().optional(),
        index: ZIndex.nullable().optional(),
      }),
    }),
  ),
});
export type TNationalIntensity = z.output<typeof ZNationalIntensity>;

const ZRegionalPeriod = z.object({
  from: ZUkTime,
  to: ZUkTime,
  intensity: z.object({ forecast: z.number().nullable(), index: ZIndex.nullable().optional() }),
  generationmix: z.array(ZFuelShare).optional(),
});
export type TRegionalPeriod = z.output<typeof ZRegionalPeriod>;

const ZRegion = z.object({
  regionid: z.number(),
  dnoregion: z.string().optional(),
  shortname: z.string().optional(),
  postcode: z.string().optional(),
  data: z.array(ZRegionalPeriod),
});
export type TRegion = z.output<typeof ZRegion>;

export const ZSingleRegion = z.object({ data: z.union([ZRegion, z.array(ZRegion)]) });

/** One region whatever the wire shape; null when the array is empty. */
export function regionOf(payload: z.output<typeof ZSingleRegion>): TRegion | null {
  if (Array.isArray(payload.data)) return payload.data[0] ?? null;
  return payload.data;
}

const ZGenerationPeriod = z.object({ from: ZUkTime, to: ZUkTime, generationmix: z.array(ZFuelShare) });
export type TGenerationPeriod = z.output<typeof ZGenerationPeriod>;

/** `/generation` answers an object, `/generation/{from}/{to}` an array. */
export const ZGeneration = z.object({ data: z.union([ZGenerationPeriod, z.array(ZGenerationPeriod)]) });

export function generationPeriodsOf(payload: z.output<typeof ZGeneration>): TGenerationPeriod[] {
  return Array.isArray(payload.data) ? payload.data : [payload.data];
}
