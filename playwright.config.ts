import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./lib/testing/system-deps";

const port = Number(process.env.E2E_PORT ?? 3217);
const executablePath = chromiumPath();

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        // Debian's Chromium when present (GRIDSHIFT_CHROMIUM_PATH overrides); else Playwright's own browser.
        launchOptions: executablePath
          ? { executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] }
          : {},
      },
    },
  ],
});
