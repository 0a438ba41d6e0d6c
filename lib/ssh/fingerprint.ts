import { createHash } from "node:crypto";

/** OpenSSH's `SHA256:<base64 without padding>` of the raw public key blob. */
export function fingerprintOfKey(keyBlob: Buffer): string {
  const digest = createHash("sha256").update(keyBlob).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

/** Fingerprint of an OpenSSH public key line: `ssh-ed25519 AAAA... comment`. */
export function fingerprintOfPublicKeyLine(line: string): string {
  const base64 = line.trim().split(/\s+/)[1];
  if (!base64) throw new Error("Not an OpenSSH public key line");
  return fingerprintOfKey(Buffer.from(base64, "base64"));
}

/** Tolerates a missing `SHA256:` prefix and base64 padding in stored values. */
export function normaliseFingerprint(value: string): string {
  const trimmed = value.trim().replace(/=+$/, "");
  return trimmed.startsWith("SHA256:") ? trimmed : `SHA256:${trimmed}`;
}

export function fingerprintsEqual(a: string, b: string): boolean {
  return normaliseFingerprint(a) === normaliseFingerprint(b);
}
