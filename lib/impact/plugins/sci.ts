import { definePlugin } from "../define-plugin";
import { ConfigError, MISSING_CONFIG, MissingInputDataError } from "../errors";
import type { ParameterMetadata, Row } from "../types";
import { checkNumber, checkString, isEmptyConfig, throwIfIssues, throwIfIssuesAt, type Issue } from "../validate";

export interface SciConfig {
  "functional-unit": string;
  /** Pre-0.4 option (see `functionalUnitSeconds`); not part of IF 1.1.0. */
  "functional-unit-time"?: string;
}

const SCI_INPUTS: ParameterMetadata = {
  carbon: {
    description: "an amount of carbon emitted into the atmosphere",
    unit: "gCO2e",
    "aggregation-method": { time: "sum", component: "sum" },
  },
  "functional-unit": {
    description:
      "the name of the functional unit in which the final SCI value should be expressed, e.g. requests, users",
    unit: "none",
    "aggregation-method": { time: "sum", component: "sum" },
  },
};

const SCI_OUTPUTS: ParameterMetadata = {
  sci: {
    description: "carbon expressed in terms of the given functional unit",
    unit: "gCO2e",
    "aggregation-method": { time: "avg", component: "sum" },
  },
};

const UNIT_SECONDS: Record<string, number> = { s: 1, second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_629_800, year: 31_557_600 };

/** Seconds in e.g. `1 minute` / `2 hours` / `day`, for the old `functional-unit-time` option. */
export const functionalUnitSeconds = (text: string): number => {
  const match = /^\s*(\d+(?:\.\d+)?)?\s*([a-z]+?)s?\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase();
  if (!match || !unit || !(unit in UNIT_SECONDS)) {
    throw new ConfigError(`Unsupported functional-unit-time \`${text}\`. Use e.g. \`1 minute\`, \`hour\` or \`2 days\`.`);
  }
  return Number(match[1] ?? 1) * UNIT_SECONDS[unit];
};

const validateConfig = (config: Row): SciConfig => {
  if (isEmptyConfig(config)) throw new ConfigError(MISSING_CONFIG);
  const issues: Issue[] = [];
  checkString(config, "functional-unit", issues);
  if (config["functional-unit-time"] !== undefined) checkString(config, "functional-unit-time", issues);
  throwIfIssues(issues);
  if (typeof config["functional-unit-time"] === "string") functionalUnitSeconds(config["functional-unit-time"]);
  return config as unknown as SciConfig;
};

const validateInput = (input: Row, config: SciConfig, index: number): Row => {
  const unit = config["functional-unit"];
  if (!(unit in input && (input[unit] as number) >= 0)) {
    throw new MissingInputDataError(
      "`functional-unit` value is missing from input data or it is not a positive integer",
      index,
    );
  }
  const issues: Issue[] = [];
  // The legacy option sums the two carbon terms itself, so `carbon` is not required then.
  if (!config["functional-unit-time"]) checkNumber(input, "carbon", issues, { gte: 0 });
  checkNumber(input, "duration", issues, { gte: 1 });
  throwIfIssuesAt(issues, index);
  return input;
};

/** Legacy (IF < 0.4): SCI per second × seconds of the unit, from the separate carbon terms. */
const legacyCarbon = (input: Row, config: SciConfig): number => {
  const carbon =
    typeof input.carbon === "number"
      ? input.carbon
      : ((input["carbon-operational"] as number) ?? 0) + ((input["carbon-embodied"] as number) ?? 0);
  return (carbon / (input.duration as number)) * functionalUnitSeconds(config["functional-unit-time"] as string);
};

/**
 * IF `Sci`: `carbon / input[functional-unit]`, with no time normalisation. A functional unit
 * of 0 returns the carbon itself and warns, as IF does.
 */
export const Sci = definePlugin<SciConfig>({
  metadata: { inputs: SCI_INPUTS, outputs: SCI_OUTPUTS },
  arithmetic: ["functional-unit"],
  validateConfig,
  validateInput,
  implementation: (inputs, config, context) =>
    inputs.map((input, index) => {
      const unit = input[config["functional-unit"]] as number;
      const carbon = config["functional-unit-time"] ? legacyCarbon(input, config) : (input.carbon as number);
      if (unit === 0) {
        context.warn(`-- SKIPPING -- DivisionByZero: you are attempting to divide by zero in Sci plugin : inputs[${index}]`);
        return { ...input, sci: carbon };
      }
      return { ...input, sci: carbon / unit };
    }),
});
