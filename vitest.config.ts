import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "worker/**/*.test.ts", "bench/**/*.test.ts", "app/**/*.test.ts"],
    globalSetup: ["lib/testing/vitest-global-setup.ts"],
    pool: "forks",
    // Suites seed and run `local` servers; tests of the default (off) set it themselves.
    // TZ: pages show times in the process's zone; tests of other zones name theirs.
    env: { GRIDSHIFT_LOCAL_SERVERS: "on", TZ: "UTC" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
