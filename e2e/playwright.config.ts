// End-to-end tests of the built page (dist/, from scripts/build-web.sh) in Debian's Chromium,
// served on 127.0.0.1 by serve.mjs. Run: cd e2e && npx playwright test
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4178);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The machine is small and shared; two workers keep a run short without starving it.
  workers: process.env.CI ? 1 : 2,
  reporter: 'line',
  globalSetup: './global-setup.ts',
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    colorScheme: 'light',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    command: `node serve.mjs ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 15_000,
    stdout: 'ignore',
  },
});
