import { describe, expect, it } from "vitest";
import { checkSignInAllowed, clearAccountFailures, recordSignInFailure, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limiter";
import { uniqueEmail } from "@/lib/testing/factories";

describe("sign-in rate limit", () => {
  it("blocks an account after repeated failures and releases it after the window", async () => {
    const email = uniqueEmail("rl");
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await recordSignInFailure(email, null, now);
    const blocked = await checkSignInAllowed(email, null, now);
    expect(blocked).toMatchObject({ allowed: false });
    const later = new Date(now.getTime() + (SIGN_IN_LIMITS.windowMinutes + 1) * 60_000);
    expect(await checkSignInAllowed(email, null, later)).toEqual({ allowed: true });
    await clearAccountFailures(email);
    expect(await checkSignInAllowed(email, null, now)).toEqual({ allowed: true });
  });

  it("blocks an IP that tries many accounts", async () => {
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await recordSignInFailure(uniqueEmail("spray"), ip);
    expect(await checkSignInAllowed(uniqueEmail("fresh"), ip)).toMatchObject({ allowed: false });
  });
});
