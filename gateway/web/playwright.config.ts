import { defineConfig } from "@playwright/test";

// Driven by tests/Jarvis.Web.Tests, which starts the gateway and services and passes JARVIS_URL. Debian's
// Chromium (/usr/bin/chromium), never a downloaded browser.
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json"]],
  outputDir: "test-results/playwright",
  use: {
    baseURL: process.env.JARVIS_URL ?? "http://127.0.0.1:8080",
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] },
    trace: "off",
    screenshot: "only-on-failure",
  },
});
