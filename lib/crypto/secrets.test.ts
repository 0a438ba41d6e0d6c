import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateSecretKey, parseSecretKey, SecretKeyError } from "@/lib/crypto/secrets";

describe("secrets", () => {
  const key = parseSecretKey(generateSecretKey());

  it("round-trips and never repeats a ciphertext", () => {
    const a = encryptSecret("-----BEGIN OPENSSH PRIVATE KEY-----\nabc", key);
    const b = encryptSecret("-----BEGIN OPENSSH PRIVATE KEY-----\nabc", key);
    expect(a).not.toEqual(b);
    expect(a).not.toContain("PRIVATE KEY");
    expect(decryptSecret(a, key)).toBe("-----BEGIN OPENSSH PRIVATE KEY-----\nabc");
  });

  it("rejects a wrong key and tampered data", () => {
    const envelope = encryptSecret("hunter2", key);
    expect(() => decryptSecret(envelope, parseSecretKey(generateSecretKey()))).toThrow(SecretKeyError);
    const parts = envelope.split(":");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join(":"), key)).toThrow(SecretKeyError);
  });

  it.each([["short", "abcd"], ["31 bytes hex", "a".repeat(62)]])("refuses a key that is %s", (_label, raw) => {
    expect(() => parseSecretKey(raw)).toThrow(/32 bytes/);
  });

  it("accepts base64 keys", () => {
    expect(parseSecretKey(Buffer.alloc(32, 7).toString("base64"))).toHaveLength(32);
  });
});
