import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { fingerprintOfPublicKeyLine, fingerprintsEqual, normaliseFingerprint } from "./fingerprint";

test("matches ssh-keygen -l for a fresh key", () => {
  const dir = mkdtempSync(join(tmpdir(), "gridshift-fp-"));
  try {
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
    const listed = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "k.pub")]).toString();
    const expected = listed.trim().split(/\s+/)[1];
    expect(fingerprintOfPublicKeyLine(readFileSync(join(dir, "k.pub"), "utf8"))).toBe(expected);
    expect(expected).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.each([
  ["SHA256:abc", "SHA256:abc", true],
  ["abc=", "SHA256:abc", true],
  [" SHA256:abc\n", "SHA256:abc", true],
  ["SHA256:abc", "SHA256:abd", false],
])("fingerprintsEqual(%j, %j) = %s", (a, b, equal) => {
  expect(fingerprintsEqual(a, b)).toBe(equal);
});

test("normalises to the OpenSSH form", () => {
  expect(normaliseFingerprint("xyz==")).toBe("SHA256:xyz");
});
