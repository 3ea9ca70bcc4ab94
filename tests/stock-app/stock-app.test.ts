import { test, expect, Page } from '@playwright/test';
import {
  describeFindings,
  seriousViolations,
} from '../../packages/app/e2e-tests/axe';
import { tabTo } from '../../packages/app/e2e-tests/keyboard';

// A stock Backstage app (create-app --legacy) with the console's workflows and
// ai-metrics plugins installed from packed tarballs by the plugin-author
// guide's steps alone (scripts/stock-app.sh). Its own guest sign-in and
// allow-all policy; the console's user-admin is not installed.

async function enter(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  if (await enterButton.isVisible().catch(() => false)) {
    await enterButton.click();
  }
  await expect(sidebar(page, 'Workflows')).toBeVisible();
}

const sidebar = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });

const heading = (page: Page, name: string) =>
  page.getByRole('heading', { name, level: 1 });

test('the Workflows and AI Metrics pages render in the stock app and pass axe', async ({
  page,
}) => {
  await enter(page);
  const findings = [];

  await sidebar(page, 'Workflows').click();
  await expect(heading(page, 'Workflows')).toBeVisible();
  await expect(page.getByText(/page not found/i)).toHaveCount(0);
  await page.screenshot({
    path: '.run/screenshots/stock-app-workflows.png',
    fullPage: true,
  });
  findings.push(...(await seriousViolations(page, 'stock app: workflows')));

  await sidebar(page, 'AI Metrics').click();
  await expect(heading(page, 'AI Metrics')).toBeVisible();
  await expect(page.getByText(/page not found/i)).toHaveCount(0);
  await page.screenshot({
    path: '.run/screenshots/stock-app-ai-metrics.png',
    fullPage: true,
  });
  findings.push(...(await seriousViolations(page, 'stock app: ai-metrics')));

  await page.getByRole('link', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/\/ai-metrics\/compare/);
  findings.push(
    ...(await seriousViolations(page, 'stock app: ai-metrics compare')),
  );

  expect(findings, describeFindings(findings)).toEqual([]);
});

test('a workflow started from the form by keyboard alone completes in the stock app', async ({
  page,
}) => {
  await enter(page);
  await sidebar(page, 'Workflows').click();
  // every step a key press, as the console's own keyboard tests do
  await tabTo(page, page.getByRole('link', { name: 'Start workflow' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workflows\/start/);
  const type = page.getByRole('combobox', { name: 'Workflow type' });
  await tabTo(page, type);
  // a native select picks an option by typing its label
  await page.keyboard.type('Model evaluation');
  await expect(type).toHaveValue('modelEvaluation');
  const findings = await seriousViolations(page, 'stock app: start form');
  await tabTo(page, page.getByLabel('Evaluate only the first N items'));
  await page.keyboard.type('10');
  await tabTo(page, page.getByRole('button', { name: 'Start', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workflows\/executions\/modelEvaluation-/);
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByText('Completed').first()).toBeVisible({
    timeout: 90_000,
  });
  await page.screenshot({
    path: '.run/screenshots/stock-app-execution.png',
    fullPage: true,
  });
  findings.push(
    ...(await seriousViolations(page, 'stock app: execution detail')),
  );
  expect(findings, describeFindings(findings)).toEqual([]);
});

test("a plugin author's module (the guide's word count) runs in the stock app", async ({
  page,
  request,
}) => {
  // the start form lists the type the module added
  await enter(page);
  await page.goto('/workflows/start');
  await expect(
    page
      .getByRole('combobox', { name: 'Workflow type' })
      .locator('option', { hasText: 'Word count' }),
  ).toHaveCount(1);

  // and the console's worker runs its code, bundled from the app's package
  const refresh = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  const token = (await refresh.json()).backstageIdentity.token as string;
  const headers = { Authorization: `Bearer ${token}` };
  const started = await request.post('/api/workflows/executions', {
    headers,
    data: { type: 'wordCount', input: { documents: ['one two', 'three'] } },
  });
  expect(started.status(), await started.text()).toBe(201);
  const { workflowId } = await started.json();
  await expect
    .poll(
      async () => {
        const detail = await request.get(
          `/api/workflows/executions/${encodeURIComponent(workflowId)}`,
          { headers },
        );
        const body = await detail.json();
        return body.status === 'Completed' ? body.result : body.status;
      },
      { timeout: 60_000 },
    )
    .toEqual({ documents: 2, words: 3, longest: 2 });
});
