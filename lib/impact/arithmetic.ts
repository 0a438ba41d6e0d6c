import {
  InputValidationError,
  WrongArithmeticExpressionError,
  ZeroDivisionArithmeticOperationError,
} from "./errors";
import type { Row } from "./types";

/**
 * IF (if-core `arithmetic-helper`) lets string values be arithmetic: `'=2*3'` → 6,
 * `'4'` → 4, `'=cpu-wattage*2'` reads another field of the same input. IF uses `eval`;
 * we parse `+ - * /` with the usual precedence ourselves, so nothing else can run.
 */

const ONLY_NUMBERS_AND_OPERATORS = /^\s*\d+(\.\d+)?(\s*[-+*/]\s*\d+(\.\d+)?)*\s*$/;
/** The output-parameter name rule: IF rejects anything else as an arithmetic expression. */
const PARAMETER_NAME = /^[A-Za-z]+([-_/][A-Za-z]+)*$/;
const FIRST_PARAMETER = /["']?([A-Za-z]+(?:[-_/][A-Za-z]+)*)["']?/;

type Token = { kind: "number"; value: number } | { kind: "operator"; value: string };

const applyOperator = (left: number, operator: string, right: number): number => {
  if (operator === "+") return left + right;
  if (operator === "-") return left - right;
  if (operator === "*") return left * right;
  return left / right;
};

/** Evaluates `n (op n)*` left to right, `*` and `/` binding tighter, as JS does. */
const evaluateTokens = (tokens: Token[], expression: string): number | undefined => {
  const terms: number[] = [];
  const signs: string[] = [];
  let current: number | undefined;
  let pending: string | undefined;
  for (const token of tokens) {
    if (token.kind === "number") {
      if (current !== undefined && pending === undefined) return undefined;
      current = current === undefined || pending === undefined ? token.value : applyOperator(current, pending, token.value);
      pending = undefined;
      continue;
    }
    if (current === undefined || pending !== undefined) return undefined;
    if (token.value === "*" || token.value === "/") {
      pending = token.value;
      continue;
    }
    terms.push(current);
    signs.push(token.value);
    current = undefined;
  }
  if (current === undefined || pending !== undefined) return undefined;
  terms.push(current);
  const result = terms.reduce((acc, term, i) => (i === 0 ? term : applyOperator(acc, signs[i - 1], term)));
  if (result === Infinity || result === -Infinity) {
    throw new ZeroDivisionArithmeticOperationError(
      `The input expression contains a division by zero: \`${expression}\`.`,
    );
  }
  return Number.isNaN(result) ? undefined : result;
};

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|"([^"]+)"|'([^']+)'|([A-Za-z_][\w-]*(?:\/[A-Za-z_][\w-]*)*)|(\S))/y;

interface ResolveContext {
  key: string;
  expression: string;
  input: Row;
}

const resolveName = (name: string, context: ResolveContext): number => {
  const { input, key, expression } = context;
  if (!(name in input) || input[name] === null || input[name] === undefined) {
    throw new InputValidationError(`${name} is missing from the input array or has nullish value.`);
  }
  const raw = input[name];
  const value = typeof raw === "string" ? evaluateValue(raw, name, input) : raw;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new InputValidationError(`The value of the \`${name}\` parameter in the input array is not a number.`);
  }
  if (value === 0 && expression.includes("/")) {
    throw new ZeroDivisionArithmeticOperationError(
      `Division by zero in \`${key}: ${expression}\` using input parameter \`${name}\`.`,
    );
  }
  return value;
};

const tokenize = (body: string, context: ResolveContext): Token[] => {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const match = TOKEN.exec(body);
    if (!match) break;
    const [, numeral, doubleQuoted, singleQuoted, word, other] = match;
    if (numeral !== undefined) tokens.push({ kind: "number", value: Number(numeral) });
    else if (other !== undefined) {
      if (!"+-*/".includes(other)) {
        throw new WrongArithmeticExpressionError(
          `The operator in \`${context.expression}\` should be one of these arithmetic operators: *, +, - or /.`,
        );
      }
      tokens.push({ kind: "operator", value: other });
    } else if (word !== undefined && word.includes("/") && !(word in context.input)) {
      // `a/b` is a division unless a field is literally named `a/b` (e.g. `cpu/utilization`).
      word.split("/").forEach((part, i) => {
        if (i > 0) tokens.push({ kind: "operator", value: "/" });
        tokens.push({ kind: "number", value: resolveName(part, context) });
      });
    } else {
      const name = doubleQuoted ?? singleQuoted ?? word;
      tokens.push({ kind: "number", value: resolveName(name, context) });
    }
  }
  return tokens;
};

export const isArithmeticString = (value: unknown): value is string =>
  typeof value === "string" && (value.includes("=") || ONLY_NUMBERS_AND_OPERATORS.test(value));

/** Evaluates one value; non-expressions come back unchanged, invalid ones as undefined (as IF). */
export const evaluateValue = (value: unknown, key: string, input: Row): unknown => {
  if (!isArithmeticString(value)) return value;
  const body = value.replace("=", "");
  const context = { key, expression: value, input };
  return evaluateTokens(tokenize(body, context), value);
};

/** IF's `evaluateInput`: every field but `timestamp`, earlier fields already evaluated. */
export const evaluateInput = (input: Row): Row => {
  const evaluated: Row = { ...input };
  for (const [key, value] of Object.entries(input)) {
    if (key === "timestamp") continue;
    evaluated[key] = evaluateValue(value, key, evaluated);
  }
  return evaluated;
};

/** Config values that are pure number arithmetic (`'=2*3'`, `'6'`) become numbers. */
export const evaluateConfigValue = (value: unknown, key: string): unknown =>
  typeof value === "string" && ONLY_NUMBERS_AND_OPERATORS.test(value.replace("=", ""))
    ? evaluateValue(value.includes("=") ? value : `=${value}`, key, {})
    : value;

/**
 * The new field a plugin wrote must be a plain parameter name, or an `=` expression over
 * it (`'=2*carbon'` stores twice the result as `carbon`); anything else is IF's
 * WrongArithmeticExpressionError.
 */
export const applyOutputParameter = (outputParameter: string, output: Row): Row => {
  if (PARAMETER_NAME.test(outputParameter)) return output;
  const name = FIRST_PARAMETER.exec(outputParameter)?.[1];
  if (outputParameter.includes("=") && name) {
    const expression = outputParameter.replace("=", "").replace(/["']/g, "").replace(name, "__value__");
    const { [outputParameter]: value, ...rest } = output;
    const result = evaluateValue(`=${expression}`, name, { __value__: value });
    return { ...rest, [name]: result };
  }
  throw new WrongArithmeticExpressionError(
    `The output parameter \`${outputParameter}\` contains an invalid arithmetic expression. It should start with \`=\` and include the symbols \`*\`, \`+\`, \`-\` and \`/\`.`,
  );
};
