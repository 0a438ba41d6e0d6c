export { planTick } from "./plan-tick";
export { NESO_2025_BANDS } from "./index-bands";
export type * from "./types";
