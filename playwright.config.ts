import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';
import { chromiumLaunchOptions } from './tests/chromium';

/**
 * With CI set (scripts/test.sh), no servers are started here: the test script
 * runs the backend, which serves the built app on :7007.
 */
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 20_000 },

  webServer: process.env.CI
    ? []
    : [
        {
          command: 'yarn start app',
          url: 'http://localhost:3000',
          reuseExistingServer: true,
          timeout: 120_000,
        },
        {
          command: 'yarn start backend',
          port: 7007,
          reuseExistingServer: true,
          timeout: 60_000,
          // the tests start from an empty console, as in CI
          // (app-config.e2e.yaml): no demo data
          env: { APP_CONFIG_console_demoData_enabled: 'false' },
        },
      ],

  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '.run/e2e-results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 15_000,
    baseURL:
      process.env.PLAYWRIGHT_URL ??
      (process.env.CI ? 'http://localhost:7007' : 'http://localhost:3000'),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  projects: generateProjects().map(project => ({
    ...project,
    use: {
      ...project.use,
      channel: undefined,
      launchOptions: chromiumLaunchOptions,
    },
  })),
});
