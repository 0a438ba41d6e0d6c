import { ProviderError } from "./errors";
import type { HttpOptions } from "./http";
import { createElectricityMapsProvider, ELECTRICITY_MAPS_BASE_URL, ELECTRICITY_MAPS_ID } from "./providers/electricity-maps";
import { createReplayProvider } from "./providers/replay";
import { createStaticProvider } from "./providers/static";
import { createUkCarbonIntensityProvider, UK_CARBON_INTENSITY_BASE_URL } from "./providers/uk-carbon-intensity";
import { createWattTimeProvider, WATTTIME_BASE_URL, WATTTIME_ID } from "./providers/watttime";
import type { IntensityProvider } from "./types";
import { parseZone, providerIdForZone, type ProviderId, type Zone } from "./zones";

export interface CarbonConfig {
  ukBaseUrl: string;
  electricityMapsBaseUrl: string;
  electricityMapsApiKey?: string;
  wattTimeBaseUrl: string;
  wattTimeUsername?: string;
  wattTimePassword?: string;
  /** Extra directory of recorded `<name>.csv` series; the shipped ones are always available. */
  replayDir?: string;
}

export const CARBON_ENV = {
  ukBaseUrl: "GRIDSHIFT_UKCI_BASE_URL",
  electricityMapsBaseUrl: "GRIDSHIFT_ELECTRICITYMAPS_BASE_URL",
  electricityMapsApiKey: "GRIDSHIFT_ELECTRICITYMAPS_API_KEY",
  wattTimeBaseUrl: "GRIDSHIFT_WATTTIME_BASE_URL",
  wattTimeUsername: "GRIDSHIFT_WATTTIME_USERNAME",
  wattTimePassword: "GRIDSHIFT_WATTTIME_PASSWORD",
  replayDir: "GRIDSHIFT_REPLAY_DIR",
} as const satisfies Record<keyof CarbonConfig, string>;

/** The only place carbon configuration is read from the environment. */
export function carbonConfigFromEnv(env: Record<string, string | undefined> = process.env): CarbonConfig {
  const read = (key: keyof CarbonConfig) => {
    const value = env[CARBON_ENV[key]]?.trim();
    return value ? value : undefined;
  };
  return {
    ukBaseUrl: read("ukBaseUrl") ?? UK_CARBON_INTENSITY_BASE_URL,
    electricityMapsBaseUrl: read("electricityMapsBaseUrl") ?? ELECTRICITY_MAPS_BASE_URL,
    electricityMapsApiKey: read("electricityMapsApiKey"),
    wattTimeBaseUrl: read("wattTimeBaseUrl") ?? WATTTIME_BASE_URL,
    wattTimeUsername: read("wattTimeUsername"),
    wattTimePassword: read("wattTimePassword"),
    replayDir: read("replayDir"),
  };
}

export interface CarbonRegistryOptions {
  http?: Omit<HttpOptions, "provider">;
  now?: () => Date;
}

export interface CarbonRegistry {
  /** The provider serving a zone; credentials missing for it is an `unsupported` error. */
  providerFor(zone: Zone | string): IntensityProvider;
  /** Parses a zone name once and pairs it with its provider. */
  resolve(zone: Zone | string): { zone: Zone; provider: IntensityProvider };
}

/** Providers are built once, on first use, so an unconfigured one costs nothing. */
export function createCarbonRegistry(config: CarbonConfig, options: CarbonRegistryOptions = {}): CarbonRegistry {
  const built = new Map<ProviderId, IntensityProvider>();
  const { http, now } = options;

  const factories: Record<ProviderId, () => IntensityProvider> = {
    "uk-carbon-intensity": () => createUkCarbonIntensityProvider({ baseUrl: config.ukBaseUrl, http, now }),
    "electricity-maps": () => {
      const apiKey = required(config.electricityMapsApiKey, ELECTRICITY_MAPS_ID, CARBON_ENV.electricityMapsApiKey);
      return createElectricityMapsProvider({ baseUrl: config.electricityMapsBaseUrl, apiKey, http, now });
    },
    watttime: () => {
      const username = required(config.wattTimeUsername, WATTTIME_ID, CARBON_ENV.wattTimeUsername);
      const password = required(config.wattTimePassword, WATTTIME_ID, CARBON_ENV.wattTimePassword);
      return createWattTimeProvider({ baseUrl: config.wattTimeBaseUrl, username, password, http, now });
    },
    replay: () => createReplayProvider({ dirs: config.replayDir ? [config.replayDir] : [], now }),
    static: () => createStaticProvider({ now }),
  };

  function resolve(zone: Zone | string): { zone: Zone; provider: IntensityProvider } {
    const parsed = typeof zone === "string" ? parseZone(zone) : zone;
    const id = providerIdForZone(parsed);
    let provider = built.get(id);
    if (!provider) {
      provider = factories[id]();
      built.set(id, provider);
    }
    return { zone: parsed, provider };
  }

  return { resolve, providerFor: (zone) => resolve(zone).provider };
}

function required(value: string | undefined, provider: string, envName: string): string {
  if (value) return value;
  throw new ProviderError({ kind: "unsupported", provider, message: `not configured: set ${envName}` });
}
