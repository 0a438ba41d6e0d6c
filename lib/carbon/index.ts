// Public surface of lib/carbon: domain code imports from here, not from providers/.
export type { GenerationMix, IntensityIndex, IntensityProvider, IntensityReading } from "./types";
export { INTENSITY_INDEXES } from "./types";
export { ProviderError, isProviderError, type ProviderErrorKind } from "./errors";
export { formatZone, parseZone, providerIdForZone, safeParseZone, ZZone, type ProviderId, type Zone } from "./zones";
export { indexBandFor, INDEX_BANDS } from "./index-bands";
export {
  CARBON_ENV,
  carbonConfigFromEnv,
  createCarbonRegistry,
  type CarbonConfig,
  type CarbonRegistry,
  type CarbonRegistryOptions,
} from "./registry";
