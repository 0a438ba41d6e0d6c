import { TimeSync } from "../time-sync";
import type { PluginFactory } from "../types";
import { Coefficient } from "./coefficient";
import { CopyParam } from "./copy-param";
import { Divide } from "./divide";
import { Exponent } from "./exponent";
import { Interpolation } from "./interpolation";
import { Multiply } from "./multiply";
import { Sci } from "./sci";
import { SciEmbodied } from "./sci-embodied";
import { Subtract } from "./subtract";
import { Sum } from "./sum";

export { Coefficient, CopyParam, Divide, Exponent, Interpolation, Multiply, Sci, SciEmbodied, Subtract, Sum, TimeSync };

/** `path: builtin` methods we implement, by IF's exported name (`Copy` is CopyParam's). */
export const BUILTINS: Record<string, PluginFactory> = {
  Coefficient,
  Copy: CopyParam,
  CopyParam,
  Divide,
  Exponent,
  Interpolation,
  Multiply,
  Sci,
  SciEmbodied,
  Subtract,
  Sum,
  TimeSync,
};
