import type { ImpactNode } from "./aggregate";
import { InputValidationError, InvalidGroupingError } from "./errors";
import type { Row } from "./types";

/**
 * IF's regroup: nests the rows under one child per value of each grouping key, in order
 * (`[cloud/region, cloud/instance-type]` → `uk-west` → `A1` → inputs). A row without a
 * (truthy) value for a key cannot be placed.
 */
export const regroup = (inputs: Row[], groups: unknown): Record<string, ImpactNode> => {
  if (!Array.isArray(groups) || groups.length === 0 || groups.some((g) => typeof g !== "string")) {
    throw new InputValidationError("`regroup` must be a non-empty list of parameter names.");
  }
  const root: ImpactNode = { children: {} };
  for (const input of inputs) {
    let node = root;
    for (const key of groups as string[]) {
      if (!input[key]) throw new InvalidGroupingError(`Invalid group ${key}.`);
      const name = String(input[key]);
      node.children ??= {};
      node = node.children[name] ??= {};
    }
    (node.inputs ??= []).push(input);
  }
  return root.children ?? {};
};
