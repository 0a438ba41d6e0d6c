import { InvalidRunSpecError } from "./errors";

/** POSIX single-quote escaping: everything literal, `'` becomes `'\''`. */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new InvalidRunSpecError("NUL byte in shell argument");
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Quotes a path for the target shell, letting a leading `~` or `~/` mean the user's home
 * (quoting would otherwise turn it into a literal directory named `~`).
 */
export function shellPath(path: string): string {
  if (path === "~") return `"$HOME"`;
  if (path.startsWith("~/")) {
    const rest = path.slice(2);
    return rest ? `"$HOME"/${shellQuote(rest)}` : `"$HOME"`;
  }
  return shellQuote(path);
}
