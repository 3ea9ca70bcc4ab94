import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

// The production topology of scripts/topology.sh (two API replicas, a
// worker, nginx in front), through its proxy, in Debian's Chromium like the
// console's own e2e tests. The tests run one at a time: several of them
// load or stop the shared processes.
export default defineConfig({
  testDir: '.',
  testMatch: '*.test.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '../../.run/topology-results.json' }],
  ],
  use: {
    actionTimeout: 15_000,
    baseURL: process.env.TOPOLOGY_URL ?? 'http://localhost:7080',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  outputDir: '../../node_modules/.cache/topology-test-results',
});
