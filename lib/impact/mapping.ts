import type { Mapping, Row } from "./types";

/**
 * IF's `mapping: {plugin-param: manifest-param}`. Config values naming a mapped
 * parameter are redirected to the manifest name, and such entries then no longer apply
 * to inputs/outputs (if-core deletes them from the mapping for the same reason).
 */
export const mapConfig = (config: Row, mapping: Mapping): { config: Row; mapping: Mapping } => {
  const remaining: Mapping = { ...mapping };
  const mapValue = (value: unknown): unknown => {
    if (typeof value === "string" && value in mapping) {
      delete remaining[value];
      return mapping[value];
    }
    if (Array.isArray(value)) return value.map(mapValue);
    return value;
  };
  const mapped: Row = {};
  for (const [key, value] of Object.entries(config)) mapped[mapping[key] ?? key] = mapValue(value);
  return { config: mapped, mapping: remaining };
};

/** Copies each mapped manifest field to the name the plugin expects. */
export const mapInput = (input: Row, mapping: Mapping): Row => {
  const mapped = { ...input };
  for (const [pluginName, manifestName] of Object.entries(mapping)) {
    if (manifestName in mapped) mapped[pluginName] = input[manifestName];
  }
  return mapped;
};

/** Drops the plugin-named copies again so they do not leak into outputs. */
export const unmapInput = (row: Row, mapping: Mapping, original: Row): Row => {
  const unmapped = { ...row };
  for (const [pluginName, manifestName] of Object.entries(mapping)) {
    if (manifestName in original && pluginName !== manifestName) delete unmapped[pluginName];
  }
  return unmapped;
};

/** Renames plugin outputs to their manifest names. */
export const mapOutput = (output: Row, mapping: Mapping): Row => {
  const mapped: Row = {};
  for (const [key, value] of Object.entries(output)) mapped[mapping[key] ?? key] = value;
  return mapped;
};
