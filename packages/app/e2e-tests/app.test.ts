import { test, expect } from '@playwright/test';

const pages = ['Workflows', 'AI Metrics', 'User Admin'];

test('a guest signs in and opens each console page from the sidebar', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // the console opens on its workflows
  await expect(page).toHaveURL(/\/workflows$/);

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  for (const link of pages) {
    await expect(
      nav.getByRole('link', { name: link, exact: true }),
    ).toBeVisible();
  }
  for (const link of pages) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(
      page.getByRole('heading', { name: link, level: 1 }),
    ).toBeVisible();
    await expect(page.getByText(/page not found/i)).toHaveCount(0);
    await page.screenshot({
      path: `.run/screenshots/${link.toLowerCase().replace(/ /g, '-')}.png`,
      fullPage: true,
    });
  }
});
