// The prior is the product's own (lib/domain/forecast-uncertainty), so the benchmark measures what the worker does.
import { type Climatology, climatology as ofValues } from "@/lib/domain/forecast-uncertainty";
import type { Series } from "./series";

export { type Climatology, priorAt } from "@/lib/domain/forecast-uncertainty";

/** The climatology of every slot of a year (the series starts at a midnight). */
export const climatology = (s: Series): Climatology => ofValues(s.values);
