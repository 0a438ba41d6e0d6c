import { z } from "zod";

/**
 * Uniform zone names. One string per place, prefixed by the family that serves it:
 *   uk:national · uk:region:<1-17> · uk:postcode:<outward> · em:<zone> · wt:<region>
 *   replay:<name> · static:<ISO 3166-1 country code>
 */
export type Zone =
  | { kind: "uk-national" }
  | { kind: "uk-region"; regionId: number }
  | { kind: "uk-postcode"; outward: string }
  | { kind: "electricity-maps"; zone: string }
  | { kind: "watttime"; region: string }
  | { kind: "replay"; name: string }
  | { kind: "static"; country: string };

export type ProviderId = "uk-carbon-intensity" | "electricity-maps" | "watttime" | "replay" | "static";

// UK outward codes: area (1-2 letters) + district (digit, then digit or letter), e.g. RG10, EC1V, M1.
const UK_OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
// Electricity Maps zone keys look like DE, DK-DK1, US-CAL-CISO, AUS-NSW.
const EM_ZONE = /^[A-Z]{2,3}(-[A-Z0-9]+)*$/;
// WattTime region abbreviations look like CAISO_NORTH, PJM_NJ, ERCOT_EASTTX.
const WT_REGION = /^[A-Z0-9][A-Z0-9_]*$/;
// Replay names become file names, so keep them to a safe alphabet (no path traversal).
const REPLAY_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const COUNTRY = /^([A-Z]{2}|[A-Z]{3})$/;

function zoneFromString(value: string): Zone | string {
  const [family, ...rest] = value.split(":");
  const tail = rest.join(":");
  switch (family) {
    case "uk":
      return ukZone(rest);
    case "em":
      return EM_ZONE.test(tail) ? { kind: "electricity-maps", zone: tail } : "Electricity Maps zone must look like DE or US-CAL-CISO";
    case "wt":
      return WT_REGION.test(tail) ? { kind: "watttime", region: tail } : "WattTime region must look like CAISO_NORTH";
    case "replay":
      return REPLAY_NAME.test(tail) ? { kind: "replay", name: tail } : "replay name must be lower-case letters, digits, - or _";
    case "static":
      return COUNTRY.test(tail) ? { kind: "static", country: tail } : "static zone needs an ISO country code such as GB or GBR";
    default:
      return "zone must start with uk:, em:, wt:, replay: or static:";
  }
}

function ukZone(parts: string[]): Zone | string {
  if (parts.length === 1 && parts[0] === "national") return { kind: "uk-national" };
  if (parts.length === 2 && parts[0] === "region") {
    const id = Number(parts[1]);
    if (/^\d{1,2}$/.test(parts[1]) && id >= 1 && id <= 17) return { kind: "uk-region", regionId: id };
    return "UK region id must be 1-17";
  }
  if (parts.length === 2 && parts[0] === "postcode") {
    const outward = parts[1].toUpperCase();
    if (UK_OUTWARD.test(outward)) return { kind: "uk-postcode", outward };
    return "UK postcode must be an outward code such as RG10";
  }
  return "UK zone must be uk:national, uk:region:<1-17> or uk:postcode:<outward>";
}

export const ZZone = z.string().trim().transform((value, ctx): Zone => {
  const parsed = zoneFromString(value);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: `${parsed} (got "${value}")` });
    return z.NEVER;
  }
  return parsed;
});

export function parseZone(value: string): Zone {
  return ZZone.parse(value);
}

export function safeParseZone(value: string): { ok: true; zone: Zone } | { ok: false; message: string } {
  const result = ZZone.safeParse(value);
  if (result.success) return { ok: true, zone: result.data };
  return { ok: false, message: result.error.issues.map((issue) => issue.message).join("; ") };
}

export function formatZone(zone: Zone): string {
  switch (zone.kind) {
    case "uk-national":
      return "uk:national";
    case "uk-region":
      return `uk:region:${zone.regionId}`;
    case "uk-postcode":
      return `uk:postcode:${zone.outward}`;
    case "electricity-maps":
      return `em:${zone.zone}`;
    case "watttime":
      return `wt:${zone.region}`;
    case "replay":
      return `replay:${zone.name}`;
    case "static":
      return `static:${zone.country}`;
  }
}

export function providerIdForZone(zone: Zone): ProviderId {
  switch (zone.kind) {
    case "uk-national":
    case "uk-region":
    case "uk-postcode":
      return "uk-carbon-intensity";
    case "electricity-maps":
      return "electricity-maps";
    case "watttime":
      return "watttime";
    case "replay":
      return "replay";
    case "static":
      return "static";
  }
}
