import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { api, signIn } from './sso';

/**
 * The Temporal dev server the test command started (scripts/temporal.sh,
 * TEMPORAL_PORT and TEMPORAL_DB) is stopped and started again while the
 * workflow list is open: the page says what is wrong, then recovers on its
 * own — no reload — and live updates flow again.
 */
const root = join(__dirname, '..', '..', '..');
const port = process.env.TEMPORAL_PORT;
const ownServer =
  !!port && existsSync(join(root, '.run', 'temporal', `pid-${port}`));

function temporal(command: 'stop' | 'start') {
  const env = { ...process.env };
  delete env.TEMPORAL_ADDRESS; // else start would only check that address
  execFileSync('bash', [join(root, 'scripts', 'temporal.sh'), command], {
    env,
    stdio: 'inherit',
    timeout: 90_000,
  });
}

test('the workflow list says Temporal is down and recovers when it is back', async ({
  page,
}) => {
  test.skip(!ownServer, 'needs the Temporal dev server of scripts/temporal.sh');
  test.setTimeout(180_000);
  await signIn(page, 'admin');
  const before = await api(page, '/api/workflows/executions', {
    method: 'POST',
    body: {
      type: 'modelPromotion',
      input: { model: 'local-sentiment', toVersion: 'before-restart' },
    },
  });
  expect(before.status).toBe(201);
  let navigations = 0;
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await page.goto('/workflows');
  const afterGoto = navigations;
  await expect(
    page.getByRole('link', { name: before.body.workflowId }),
  ).toBeVisible();

  try {
    temporal('stop');
    await expect(page.getByText('Temporal is unreachable')).toBeVisible({
      timeout: 30_000,
    });
    // the API says so too, with 503 rather than an error page
    const refused = await api(page, '/api/workflows/executions?pageSize=1');
    expect(refused.status).toBe(503);
  } finally {
    temporal('start');
  }

  await expect(page.getByText('Temporal is unreachable')).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(
    page.getByRole('link', { name: before.body.workflowId }),
  ).toBeVisible();
  // live updates flow again: a workflow started now shows up without reload
  const after = await api(page, '/api/workflows/executions', {
    method: 'POST',
    body: {
      type: 'modelPromotion',
      input: { model: 'local-sentiment', toVersion: 'after-restart' },
    },
  });
  expect(after.status).toBe(201);
  await expect(
    page.getByRole('link', { name: after.body.workflowId }),
  ).toBeVisible({ timeout: 30_000 });
  expect(navigations).toBe(afterGoto);
});
