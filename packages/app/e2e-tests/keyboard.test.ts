import { test, expect } from '@playwright/test';
import { api, browserAs, signIn, startPromotionAs } from './sso';
import {
  expectFocusKept,
  expectFocusOn,
  expectVisibleFocus,
  tabTo,
} from './keyboard';

/**
 * Keyboard-only journeys: after signing in, every step is a key press. The
 * focus is visible at each stop, returns to where it was when a dialog
 * closes, and Tab always moves on (no traps).
 */
test.describe('keyboard only', () => {
  test('start a workflow from its form', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/workflows');
    await tabTo(page, page.getByRole('link', { name: 'Start workflow' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/workflows\/start/);

    const type = page.getByRole('combobox', { name: 'Workflow type' });
    await tabTo(page, type);
    // a native select picks an option by typing its label
    await page.keyboard.type('Model evaluation');
    await expect(type).toHaveValue('modelEvaluation');
    const limit = page.getByLabel('Evaluate only the first N items');
    await tabTo(page, limit);
    await page.keyboard.type('10');
    await tabTo(page, page.getByRole('button', { name: 'Start', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/workflows\/executions\/modelEvaluation-/);
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByText('Completed'),
    ).toBeVisible({ timeout: 60_000 });
  });

  test('approve a promotion', async ({ page, browser }) => {
    await signIn(page, 'admin');
    // someone else's: its starter may not decide it
    const started = await startPromotionAs(page, browser, 'operator', {
      model: 'local-sentiment',
      toVersion: 'keyboard',
    });
    await page.goto(`/workflows/executions/${started.workflowId}`);

    // a dialog opened and dismissed gives the focus back to its button
    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    await tabTo(page, approve);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Approve' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expectFocusOn(page, approve);
    await expectVisibleFocus(page);

    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    // the focus starts inside the dialog, on its first field
    await expectFocusOn(page, dialog.getByLabel('Comment (optional)'));
    await page.keyboard.type('approved from the keyboard');
    await tabTo(page, dialog.getByRole('button', { name: 'Approve' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByText('Completed'),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('"approved from the keyboard"')).toBeVisible();
    // the Approve button is gone with the decision; the focus is not lost
    await expectFocusKept(page);
  });

  test('edit a role', async ({ page }) => {
    await signIn(page, 'admin');
    const name = `keyboard-${Date.now()}`;
    const created = await api(page, '/api/user-admin/roles', {
      method: 'POST',
      body: { name, title: `Keyboard ${name}`, grants: [] },
    });
    expect(created.status).toBe(201);
    await page.goto('/user-admin/roles');
    await tabTo(
      page,
      page.getByRole('link', { name: `Edit role Keyboard ${name}` }),
    );
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/user-admin/roles/${name}$`));

    await tabTo(page, page.getByRole('button', { name: 'Add grant' }));
    await page.keyboard.press('Enter');
    const permission = page.getByLabel('Permission').last();
    await expectFocusOn(page, permission);
    await page.keyboard.type('workflows.execution.read');
    await tabTo(page, page.getByRole('button', { name: 'Save role' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').getByText(/saved/i)).toBeVisible();

    const role = await api(page, `/api/user-admin/roles/${name}`);
    expect(role.body.grants).toEqual([
      expect.objectContaining({ permission: 'workflows.execution.read' }),
    ]);
  });

  test('revoke a session', async ({ page, browser }) => {
    // the operator's own browser holds the session to revoke
    const operator = await browserAs(browser, 'operator');
    await signIn(page, 'admin');
    await page.goto('/user-admin/sessions');
    const revoke = page
      .getByRole('button', {
        name: /^Revoke session .* of user:default\/operator/,
      })
      .first();
    await tabTo(page, revoke);
    const label = await revoke.getAttribute('aria-label');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Revoke/ });
    await expect(dialog).toBeVisible();
    await tabTo(page, dialog.getByRole('button', { name: 'Revoke session' }));
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: label! })).toHaveCount(0);
    // the revoked row's button is gone; the focus is not lost to the body
    await expectFocusKept(page);
    await operator.context.close();
  });
});
