// AES-256-GCM envelopes for secrets at rest: "v1:<iv>:<tag>:<ciphertext>" (base64url).
// The key is 32 bytes, given as 64 hex characters or base64.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class SecretKeyError extends Error {}

export function parseSecretKey(raw: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new SecretKeyError(`GRIDSHIFT_SECRET_KEY must be 32 bytes (64 hex characters or base64); got ${key.length} bytes`);
  }
  return key;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString("hex");
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(":");
}

export function decryptSecret(envelope: string, key: Buffer): string {
  const [version, iv, tag, body] = envelope.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretKeyError("Unrecognised secret envelope");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("Secret could not be decrypted: wrong GRIDSHIFT_SECRET_KEY or tampered data");
  }
}

let cachedKey: Buffer | undefined;

/** The process-wide key from GRIDSHIFT_SECRET_KEY (npm start generates one into the data dir). */
export function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  const raw = process.env.GRIDSHIFT_SECRET_KEY;
  if (!raw) throw new SecretKeyError("GRIDSHIFT_SECRET_KEY is not set");
  cachedKey = parseSecretKey(raw);
  return cachedKey;
}
