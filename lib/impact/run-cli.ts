import { parse, stringify } from "yaml";
import { parseCliArgs, USAGE } from "./cli-args";
import { describeError, ReadFileError, WriteFileError } from "./errors";
import type { Execution } from "./manifest";
import { runManifestSafely, withExecution } from "./runner";

/** The outside world the CLI touches, injected so tests can run it in memory. */
export interface CliIo {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  environment(): NonNullable<Execution["environment"]>;
}

const readManifest = (io: CliIo, path: string): unknown => {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new ReadFileError(`Cannot read the manifest ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    // Unquoted YAML 1.1 timestamps become dates, as with IF's js-yaml (written back as ISO).
    return parse(text, { customTags: ["timestamp"] });
  } catch (error) {
    throw new ReadFileError(`${path} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const emit = (io: CliIo, output: string | undefined, manifest: unknown): void => {
  const text = stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false });
  if (!output) return io.stdout(text);
  try {
    io.writeFile(output, text);
  } catch (error) {
    throw new WriteFileError(`Cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * `if-run` for GridShift: reads a manifest, computes it, writes it with an `execution`
 * block. Unlike if-run (which exits 0 on failure), a failed run exits 1, after still
 * writing the output with `execution.status: fail` and `execution.error`.
 */
export const runCli = (argv: string[], io: CliIo): number => {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const command = ["impact", ...argv].join(" ");
  let input: unknown;
  try {
    input = readManifest(io, args.manifest);
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return 1;
  }
  const result = runManifestSafely(input, { warn: (message) => io.stderr(`warn: ${message}\n`) });
  const execution: Execution = {
    command,
    environment: io.environment(),
    status: result.ok ? "success" : "fail",
    ...(result.ok ? {} : { error: result.error }),
  };
  try {
    emit(io, args.output, withExecution(result.manifest, execution));
  } catch (error) {
    io.stderr(`${describeError(error)}\n`);
    return 1;
  }
  if (!result.ok) {
    io.stderr(`${result.error}\n`);
    return 1;
  }
  return 0;
};
