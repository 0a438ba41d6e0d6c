import { readFileSync, writeFileSync } from "node:fs";
import { release, type } from "node:os";
import { runCli } from "./run-cli";

/** Entry point of `npm run impact -- --manifest <in.yml> --output <out.yml>`. */
const code = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, "utf8"),
  writeFile: (path, text) => writeFileSync(path, text, "utf8"),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  environment: () => ({
    // Which semantics the numbers follow; this is not the IF package itself.
    "if-version": "1.1.0 (GridShift lib/impact)",
    os: type(),
    "os-version": release(),
    "node-version": process.versions.node,
    "date-time": `${new Date().toISOString()} (UTC)`,
    dependencies: [],
  }),
});
process.exitCode = code;
