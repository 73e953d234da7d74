import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in Debian's Chromium (`apt-get install -y chromium`);
 * Playwright's own browser download does not work on these machines.
 *
 * `./portal test` starts the portal (built frontend served by the backend)
 * and sets PLAYWRIGHT_URL. To run against a portal you started yourself:
 *   PLAYWRIGHT_URL=http://localhost:3000 yarn playwright test
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
