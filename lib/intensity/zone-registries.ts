// Which carbon registry serves which zone: the environment's configuration, overridden by
// an organisation's own provider credentials (lib/data/intensity-credentials.ts states the rule).
import { createCarbonRegistry, providerIdForZone, safeParseZone, type CarbonConfig, type CarbonRegistry, type CarbonRegistryOptions } from "@/lib/carbon";
import { applyCredentials, unsafeCredentialRowsByZone } from "@/lib/data/intensity-credentials";

type Row = Awaited<ReturnType<typeof unsafeCredentialRowsByZone>> extends Map<string, (infer R)[]> ? R : never;

const hasCredentialsFor = (provider: string, row: Row) =>
  provider === "electricity-maps" ? !!row.electricityMapsApiKeyEnc : provider === "watttime" ? !!(row.wattTimeUsername && row.wattTimePasswordEnc) : false;

/** One registry per distinct configuration, so zones sharing credentials share providers (and a WattTime login). */
export async function unsafeRegistriesForZones(
  zones: string[],
  base: CarbonConfig,
  log: (line: string) => void,
  options: CarbonRegistryOptions = {},
): Promise<(zone: string) => CarbonRegistry> {
  const rowsByZone = await unsafeCredentialRowsByZone(zones);
  const byConfig = new Map<string, CarbonRegistry>();
  const byZone = new Map<string, CarbonRegistry>();
  const registryOf = (config: CarbonConfig) => {
    const key = JSON.stringify(config);
    let registry = byConfig.get(key);
    if (!registry) byConfig.set(key, (registry = createCarbonRegistry(config, options)));
    return registry;
  };
  for (const zone of zones) {
    const parsed = safeParseZone(zone);
    const provider = parsed.ok ? providerIdForZone(parsed.zone) : "";
    const row = (rowsByZone.get(zone) ?? []).find((r) => hasCredentialsFor(provider, r)) ?? null;
    let config = base;
    try {
      config = applyCredentials(base, row);
    } catch (error) {
      log(`intensity: zone ${zone}: an organisation's ${provider} credentials could not be decrypted (${(error as Error).message}); using the environment's`);
    }
    byZone.set(zone, registryOf(config));
  }
  const fallback = registryOf(base);
  return (zone) => byZone.get(zone) ?? fallback;
}
