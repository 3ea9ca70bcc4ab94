import { test, expect, Page } from '@playwright/test';
import { describeFindings, Finding, seriousViolations } from './axe';
import { api, signIn, startPromotionAs } from './sso';

/**
 * Every console page and dialog, checked with axe against WCAG 2.1 A/AA:
 * no serious or critical violation. All findings are collected first so one
 * run shows every page's problems.
 */
test('every console page and dialog passes axe (no serious or critical violations)', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const findings: Finding[] = [];
  const check = async (where: string, scope?: string) => {
    findings.push(...(await seriousViolations(page, where, scope)));
  };
  const heading = (name: string | RegExp) =>
    expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const openDialog = async (
    button: ReturnType<Page['getByRole']>,
    name: string | RegExp,
    where: string,
  ) => {
    await button.click();
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    await check(where, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await check('sign-in page');

  await signIn(page, 'admin');

  // data for every page to show something
  // someone else's promotion, so that its page offers Approve to the admin
  const promotion = await startPromotionAs(page, browser, 'operator', {
    model: 'local-sentiment',
    toVersion: 'a11y',
  });
  const model = `a11y-model-${Date.now()}`;
  const now = Date.now();
  const ingested = await api(page, '/api/ai-metrics/events', {
    method: 'POST',
    body: {
      events: ['v1', 'v2'].flatMap((version, v) =>
        Array.from({ length: 20 }, (_, i) => ({
          id: `${model}-${version}-${i}`,
          timestamp: new Date(now - i * 60_000).toISOString(),
          model,
          version,
          provider: 'e2e',
          operation: 'chat',
          latencyMs: 100 + v * 50 + i,
          inputTokens: 10,
          outputTokens: 5,
          costUsd: 0.0004,
          success: i % 7 !== 0,
          ...(i % 7 === 0 ? { errorType: 'timeout' } : {}),
        })),
      ),
    },
  });
  expect(ingested.status).toBe(200);

  // workflows
  await page.goto('/workflows');
  await heading('Workflows');
  await expect(
    page.getByRole('link', { name: promotion.workflowId }).first(),
  ).toBeVisible();
  await check('workflow list');

  await page.goto('/workflows/start');
  await expect(
    page.getByRole('heading', { name: 'Start a workflow' }),
  ).toBeVisible();
  await page
    .getByRole('combobox', { name: 'Workflow type' })
    .selectOption({ label: 'Model evaluation' });
  await expect(page.getByLabel('Items per activity')).toBeVisible();
  await check('start form');

  await page.goto(`/workflows/executions/${promotion.workflowId}`);
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByText('Running').first()).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Event history' })
      .getByText('Workflow execution started'),
  ).toBeVisible();
  await check('workflow detail');
  await openDialog(
    page.getByRole('button', { name: 'Approve', exact: true }),
    'Approve',
    'approve dialog',
  );
  await openDialog(
    page.getByRole('button', { name: 'Terminate', exact: true }),
    /Terminate/,
    'terminate dialog',
  );

  // ai metrics
  await page.goto('/ai-metrics');
  await heading('AI Metrics');
  await expect(page.getByRole('article', { name: model })).toBeVisible();
  await check('metrics dashboard');
  await page.goto(
    `/ai-metrics/compare?model=${model}&version=v1&version=v2&compare=versions`,
  );
  await expect(
    page
      .getByRole('table', { name: /side by side/ })
      .getByRole('row')
      .nth(1),
  ).toBeVisible();
  await check('metrics comparison');

  // user admin
  await page.goto('/user-admin');
  await heading('User Admin');
  await expect(
    page.getByRole('row').filter({ hasText: 'admin@console.example' }),
  ).toBeVisible();
  await check('users');
  await openDialog(
    page.getByRole('button', { name: /^Invite/ }),
    /Invite/,
    'invite dialog',
  );
  await openDialog(
    page.getByRole('button', { name: 'Edit roles of admin@console.example' }),
    /Edit roles of/,
    'edit roles dialog',
  );

  await page.goto('/user-admin/sessions');
  await expect(
    page.getByRole('button', { name: /^Revoke session/ }).first(),
  ).toBeVisible();
  await check('sessions');
  await openDialog(
    page.getByRole('button', { name: /^Revoke session/ }).first(),
    /Revoke/,
    'revoke session dialog',
  );

  await page.goto('/user-admin/roles');
  await expect(
    page.getByRole('link', { name: /^Edit role/ }).first(),
  ).toBeVisible();
  await check('roles');
  await openDialog(
    page.getByRole('button', { name: 'Create role' }),
    /role/i,
    'create role dialog',
  );
  await openDialog(
    page.getByRole('button', { name: 'Import YAML' }),
    /Import/,
    'import roles dialog',
  );

  await page.goto('/user-admin/roles/admin');
  await expect(page.getByRole('list', { name: 'Grants' })).toBeVisible();
  await check('role editor');

  await page.goto('/user-admin/policy');
  await expect(page.getByRole('button', { name: 'Run test' })).toBeVisible();
  await check('policy tester');

  await page.goto('/user-admin/audit');
  await expect(
    page.getByRole('table', { name: 'Audit records' }),
  ).toBeVisible();
  await check('audit log');

  expect(findings, describeFindings(findings)).toEqual([]);
});
