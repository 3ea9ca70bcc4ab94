import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

// The stock app started by scripts/stock-app.sh (guest sign-in, allow-all
// policy), in Debian's Chromium like the console's own e2e tests.
export default defineConfig({
  testDir: '.',
  testMatch: '*.test.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '../../.run/stock-app-results.json' }],
  ],
  use: {
    actionTimeout: 15_000,
    baseURL: process.env.STOCK_URL ?? 'http://localhost:7020',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  outputDir: '../../node_modules/.cache/stock-app-test-results',
});
