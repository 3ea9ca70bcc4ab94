import { test, expect } from '@playwright/test';
import { browserAs, signIn } from './sso';

test('an admin changes a role and disables a user, who is told why; the audit log shows both', async ({
  page,
  browser,
}) => {
  // two users register at their first sign-in; the viewer keeps a browser open
  const newcomer = await browserAs(browser, 'newcomer');
  await newcomer.context.close();
  const viewer = await browserAs(browser, 'viewer');

  await signIn(page, 'admin');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'User Admin', exact: true })
    .click();

  // change the newcomer's role
  await page
    .getByRole('button', { name: 'Edit roles of newcomer@console.example' })
    .click();
  const roles = page.getByRole('dialog', { name: /Edit roles of/ });
  await roles.getByRole('checkbox', { name: 'Operator' }).check();
  await roles.getByRole('button', { name: 'Save roles' }).click();
  await expect(roles).toHaveCount(0);
  const newcomerRow = page
    .getByRole('row')
    .filter({ hasText: 'newcomer@console.example' });
  await expect(newcomerRow.getByText('operator')).toBeVisible();

  // disable the viewer
  await page
    .getByRole('button', { name: 'Disable viewer@console.example' })
    .click();
  const confirm = page.getByRole('dialog', {
    name: /Disable viewer@console.example/,
  });
  await confirm.getByLabel('Reason (optional)').fill('left the team');
  await confirm.getByRole('button', { name: 'Disable' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'viewer@console.example' })
      .getByText('disabled'),
  ).toBeVisible();

  // the viewer's next request, in the browser that is still open, is refused
  // and the page says why (every replica enforces it within one poll, 2 s)
  const nav = viewer.page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(async () => {
    await nav.getByRole('link', { name: 'Workflows', exact: true }).click();
    await nav.getByRole('link', { name: 'User Admin', exact: true }).click();
    await expect(
      viewer.page.getByText(/account is disabled/).first(),
    ).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(
    viewer.page.getByRole('button', { name: 'Sign in again' }).first(),
  ).toBeVisible();
  await viewer.context.close();

  // the audit log shows both actions
  await page.getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('table', { name: 'Audit records' });
  await expect(audit.getByText('user-roles-change').first()).toBeVisible();
  await expect(audit.getByText('user-disable').first()).toBeVisible();
  await page.screenshot({ path: '.run/screenshots/audit.png', fullPage: true });
});
