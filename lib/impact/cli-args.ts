import { MissingCliFlagsError, ParseCliParamsError } from "./errors";

export interface CliArgs {
  manifest: string;
  /** Absent: the computed manifest goes to stdout (as `if-run` without `-o`). */
  output?: string;
  help: boolean;
}

const FLAGS: Record<string, "manifest" | "output"> = {
  "--manifest": "manifest",
  "-m": "manifest",
  "--output": "output",
  "-o": "output",
};

export const USAGE = "Usage: npm run impact -- --manifest <in.yml> [--output <out.yml>]";

/** `--manifest/-m` and `--output/-o`, each taking a value (also as `--flag=value`). */
export const parseCliArgs = (argv: string[]): CliArgs => {
  const values: Partial<Record<"manifest" | "output", string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === "--help" || flag === "-h") return { manifest: "", help: true };
    const key = FLAGS[flag];
    if (!key) throw new ParseCliParamsError(`Unknown argument \`${argv[i]}\`. ${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new ParseCliParamsError(`\`${flag}\` needs a file path. ${USAGE}`);
    values[key] = value;
  }
  if (!values.manifest) throw new MissingCliFlagsError(`\`--manifest\` is required. ${USAGE}`);
  return { manifest: values.manifest, output: values.output, help: false };
};
