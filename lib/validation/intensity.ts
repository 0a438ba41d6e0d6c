import { z } from "zod";
import { ZGridZone } from "@/lib/validation/common";

const secret = (label: string) =>
  z.string().trim().min(1, { error: `${label} cannot be blank` }).max(2000, { error: `${label} is too long` }).optional();

/**
 * Provider credentials of an organisation. Secrets are write-only: an absent field keeps what
 * is stored, a value replaces it, and the `clear…` flags remove a provider's credentials.
 */
export const ZIntensityCredentialsInput = z
  .object({
    electricityMapsApiKey: secret("The API key"),
    wattTimeUsername: z.string().trim().min(1, { error: "The username cannot be blank" }).max(200).optional(),
    wattTimePassword: secret("The password"),
    clearElectricityMaps: z.boolean().optional(),
    clearWattTime: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.clearElectricityMaps && input.electricityMapsApiKey) {
      ctx.addIssue({ code: "custom", path: ["electricityMapsApiKey"], message: "Either set a new key or remove it, not both" });
    }
    if (input.clearWattTime && (input.wattTimeUsername || input.wattTimePassword)) {
      ctx.addIssue({ code: "custom", path: ["wattTimeUsername"], message: "Either set new credentials or remove them, not both" });
    }
  });
export type TIntensityCredentialsInput = z.infer<typeof ZIntensityCredentialsInput>;

/** `intensity … --from/--to` and backfill ranges. */
export const ZIntensityRange = z
  .object({
    zone: ZGridZone,
    from: z.coerce.date({ error: "--from must be an ISO 8601 date-time" }),
    to: z.coerce.date({ error: "--to must be an ISO 8601 date-time" }),
  })
  .refine((r) => r.from.getTime() < r.to.getTime(), { path: ["to"], message: "--to must be after --from" });
export type TIntensityRange = z.infer<typeof ZIntensityRange>;

/** `/api/intensity/zones` query: the length of the greenest windows to highlight. */
export const ZIntensityZonesQuery = z.object({
  windowHours: z.coerce.number().int().min(1, { error: "At least 1 hour" }).max(24, { error: "At most 24 hours" }).default(3),
});
export type TIntensityZonesQuery = z.infer<typeof ZIntensityZonesQuery>;
