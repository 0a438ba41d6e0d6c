import type { ServerDto } from "@/lib/data/servers";

type Credentials = Pick<ServerDto, "authMethod" | "hasPrivateKey" | "hasPassphrase" | "hasPassword">;

/** How an SSH server signs in, from what is actually stored rather than the method chosen. */
export function authSummary(s: Credentials): string {
  const missing = (what: string) => `${what}, but none is stored: tasks cannot connect until one is added`;
  if (s.authMethod === "key") return s.hasPrivateKey ? `private key${s.hasPassphrase ? " with passphrase" : ""} (stored encrypted)` : missing("private key");
  if (s.authMethod === "password") return s.hasPassword ? "password (stored encrypted)" : missing("password");
  return "none chosen: tasks cannot connect until a key or a password is added";
}
