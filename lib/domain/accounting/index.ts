export { accountRun } from "./account-run";
export { buildRunManifest, FUNCTIONAL_UNIT_PARAMETER, type RunManifestMeta } from "./manifest";
export { DEFAULT_COEFFICIENTS, TEADS_CURVE, PERIOD_SECONDS, type Coefficients } from "./coefficients";
export type * from "./types";
export { functionalUnitsFromLog, networkGbFromLog, resolveFunctionalUnit } from "./functional-unit";
export { powerProfile, type ProfilePoint } from "./profile";
