import { test, expect } from '@playwright/test';

const pages = [
  {
    link: 'Workflows',
    heading: 'Workflows',
    status: /127\.0\.0\.1:\d+, namespace default/,
  },
  { link: 'AI Metrics', heading: 'AI Metrics', status: /better-sqlite3|pg/ },
  { link: 'User Admin', heading: 'User Admin', status: /better-sqlite3|pg/ },
];

test('a guest signs in and opens each console page from the sidebar', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  for (const { link } of pages) {
    await expect(
      nav.getByRole('link', { name: link, exact: true }),
    ).toBeVisible();
  }

  for (const { link, heading, status } of pages) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(
      page.getByRole('heading', { name: heading, level: 1 }),
    ).toBeVisible();
    // the page reached its backend, which reached Temporal or its database
    await expect(page.getByRole('status')).toContainText('Connected');
    await expect(page.getByRole('status')).toContainText(status);
    await page.screenshot({
      path: `.run/screenshots/${link.toLowerCase().replace(/ /g, '-')}.png`,
      fullPage: true,
    });
  }
});
