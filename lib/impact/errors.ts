/**
 * IF's error classes (if-core `utils/errors`): plain Error subclasses whose `name` is the
 * class name, so `${error.name}: ${error.message}` reproduces `execution.error` exactly.
 */
export class ImpactError extends Error {
  /** Index of the input row the error concerns, when known (added to messages by the runner). */
  index?: number;

  constructor(message: string, index?: number) {
    super(message);
    this.name = new.target.name;
    this.index = index;
  }
}

export class ManifestValidationError extends ImpactError {}
export class InputValidationError extends ImpactError {}
export class InvalidGroupingError extends ImpactError {}
export class WriteFileError extends ImpactError {}
export class ReadFileError extends ImpactError {}
export class ParseCliParamsError extends ImpactError {}
export class MissingCliFlagsError extends ImpactError {}
export class InvalidAggregationMethodError extends ImpactError {}
export class MissingAggregationParamError extends ImpactError {}
export class MissingPluginMethodError extends ImpactError {}
export class MissingPluginPathError extends ImpactError {}
export class PluginInitializationError extends ImpactError {}
export class WrongArithmeticExpressionError extends ImpactError {}
export class ZeroDivisionArithmeticOperationError extends ImpactError {}
export class ConfigError extends ImpactError {}
export class MissingInputDataError extends ImpactError {}
export class InvalidDateInInputError extends ImpactError {}
export class InvalidPaddingError extends ImpactError {}
export class InvalidInputError extends ImpactError {}

/** `Class: message`, the form IF writes to `execution.error`. */
export const describeError = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Error: ${String(error)}`;
};

export const MISSING_CONFIG = "Config is not provided.";
