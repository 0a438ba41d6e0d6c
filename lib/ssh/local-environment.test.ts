import { describe, expect, it } from "vitest";
import { localRunEnvironment } from "./local-environment";

describe("localRunEnvironment", () => {
  it("passes what a login shell has and none of the worker's secrets", () => {
    const env = localRunEnvironment({
      PATH: "/usr/bin:/bin",
      HOME: "/home/gridshift",
      LANG: "en_GB.UTF-8",
      LC_TIME: "en_GB.UTF-8",
      TZ: "Europe/London",
      DATABASE_URL: "postgres://gridshift:secret@127.0.0.1/gridshift",
      GRIDSHIFT_SECRET_KEY: "00".repeat(32),
      NEXTAUTH_SECRET: "a-long-session-secret",
      GITHUB_SECRET: "oauth",
      SMTP_URL: "smtp://user:pass@mail",
      NODE_OPTIONS: "--require /tmp/x.js",
    });
    expect(env).toEqual({ PATH: "/usr/bin:/bin", HOME: "/home/gridshift", LANG: "en_GB.UTF-8", LC_TIME: "en_GB.UTF-8", TZ: "Europe/London" });
  });

  it("gives a PATH when the worker has none", () => {
    expect(localRunEnvironment({}).PATH).toContain("/usr/bin");
  });
});
