import { test, expect } from '@playwright/test';
import { api, browserAs, grantRole, signIn, startPromotionAs } from './sso';

test.describe('workflows', () => {
  test('an admin starts an evaluation from the form and watches it complete without reloading', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Workflows', exact: true })
      .click();
    await page.getByRole('link', { name: 'Start workflow' }).click();
    await expect(page).toHaveURL(/\/workflows\/start/);
    await page
      .getByRole('combobox', { name: 'Workflow type' })
      .selectOption({ label: 'Model evaluation' });
    await page.getByLabel('Evaluate only the first N items').fill('40');
    // one item per activity: the run lasts a few seconds, long enough to
    // open while Running
    await page.getByLabel('Items per activity').fill('1');
    let navigations = 0;
    page.on('framenavigated', frame => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page).toHaveURL(/\/workflows\/executions\/modelEvaluation-/);
    const afterStart = navigations;
    // pushed through signals: no reload, the status turns Completed
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary.getByText('Running').first()).toBeVisible();
    await expect(summary.getByText('Completed').first()).toBeVisible({
      timeout: 60_000,
    });
    expect(navigations).toBe(afterStart);
    await expect(
      page
        .getByRole('region', { name: 'Result' })
        .getByText('accuracy')
        .first(),
    ).toBeVisible();
    // its history, a page at a time
    const history = page.getByRole('list', { name: 'Event history' });
    await expect(history.getByText('Workflow execution started')).toBeVisible();
    await expect(
      history.getByText('Activity task completed').first(),
    ).toBeVisible();
    await page
      .getByRole('button', { name: 'Details of event 1', exact: true })
      .click();
    await expect(page.getByText('"modelEvaluation"').first()).toBeVisible();
  });

  test('an admin approves a promotion an operator started', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin');
    const started = await startPromotionAs(page, browser, 'operator', {
      model: 'local-sentiment',
      toVersion: 'v2',
    });
    await page.goto(`/workflows/executions/${started.workflowId}`);
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve' });
    await dialog.getByLabel('Comment (optional)').fill('metrics look good');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByText('Completed'),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('"promoted"')).toBeVisible();
    await expect(page.getByText('"user:default/admin"')).toBeVisible();
  });

  test("an operator cannot terminate another team's workflow, nor approve her own", async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin');
    await grantRole(page, browser, 'operator', 'operator');
    const started = await api(page, '/api/workflows/executions', {
      method: 'POST',
      body: {
        type: 'modelPromotion',
        input: { model: 'local-sentiment', toVersion: 'v3' },
      },
    });
    expect(started.status).toBe(201);

    const { context, page: operator } = await browserAs(browser, 'operator');
    await operator.goto(`/workflows/executions/${started.body.workflowId}`);
    await expect(operator.getByText('Event history').first()).toBeVisible();
    await expect(
      operator.getByRole('button', { name: 'Terminate' }),
    ).toHaveCount(0);
    // deciding what someone else started is an operator's job
    await expect(
      operator.getByRole('button', { name: 'Approve', exact: true }),
    ).toBeVisible();
    // and the server refuses the termination anyway
    const refused = await api(
      operator,
      `/api/workflows/executions/${started.body.workflowId}/terminate`,
      {
        method: 'POST',
        body: { reason: 'not mine' },
      },
    );
    expect(refused.status).toBe(403);
    // her own workflow she may terminate
    const own = await api(operator, '/api/workflows/executions', {
      method: 'POST',
      body: {
        type: 'modelPromotion',
        input: { model: 'local-sentiment', toVersion: 'v4' },
      },
    });
    expect(own.status).toBe(201);
    await operator.goto(`/workflows/executions/${own.body.workflowId}`);
    await expect(
      operator.getByRole('button', { name: 'Terminate' }),
    ).toBeVisible();
    // but someone else must approve it, and the server says so too
    await expect(
      operator.getByText(
        'You started this execution, so someone else must approve or reject it.',
      ),
    ).toBeVisible();
    await expect(operator.getByRole('button', { name: 'Approve' })).toHaveCount(
      0,
    );
    const selfApproval = await api(
      operator,
      `/api/workflows/executions/${own.body.workflowId}/signal`,
      { method: 'POST', body: { name: 'approve' } },
    );
    expect(selfApproval.status).toBe(403);
    await context.close();
  });
});
