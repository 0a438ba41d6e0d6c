import { describe, expect, it } from "vitest";
import { authSummary } from "./auth-summary";

describe("authSummary says what is stored, not only what was chosen", () => {
  it.each([
    [{ authMethod: "key", hasPrivateKey: true, hasPassphrase: true, hasPassword: false }, "private key with passphrase (stored encrypted)"],
    [{ authMethod: "key", hasPrivateKey: true, hasPassphrase: false, hasPassword: false }, "private key (stored encrypted)"],
    [{ authMethod: "password", hasPrivateKey: false, hasPassphrase: false, hasPassword: true }, "password (stored encrypted)"],
    // What QA saw after the key was lost: the page claimed a stored password.
    [{ authMethod: "password", hasPrivateKey: false, hasPassphrase: false, hasPassword: false }, "password, but none is stored: tasks cannot connect until one is added"],
    [{ authMethod: "key", hasPrivateKey: false, hasPassphrase: false, hasPassword: true }, "private key, but none is stored: tasks cannot connect until one is added"],
    [{ authMethod: "none", hasPrivateKey: false, hasPassphrase: false, hasPassword: false }, "none chosen: tasks cannot connect until a key or a password is added"],
  ] as const)("%j", (credentials, expected) => {
    expect(authSummary(credentials)).toBe(expected);
  });
});
