import { Browser, expect, Page } from '@playwright/test';

/** Seeded users of the dev IdP (packages/dev-idp). */
export type DevUser = 'admin' | 'operator' | 'viewer' | 'newcomer';

/** Signs in through the dev IdP's real authorization-code flow in its popup. */
export async function signIn(page: Page, user: DevUser) {
  await page.goto('/');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await popup.getByLabel('Username').fill(user);
  await popup.getByLabel('Password').fill(`${user}-password`);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Workflows', exact: true }),
  ).toBeVisible();
}

/** A new browser (its own cookies) signed in as the user. */
export async function browserAs(browser: Browser, user: DevUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

/** The Backstage token of the signed-in page, for API calls a test makes. */
export async function tokenOf(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/auth/oidc/refresh?optional&env=development', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      credentials: 'include',
    });
    const body = await res.json();
    return body.backstageIdentity.token as string;
  });
}

/** Calls a console API from the page with the page user's token. */
export async function api(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: any }> {
  const token = await tokenOf(page);
  return page.evaluate(
    async ({ path: p, init: i, token: t }) => {
      const res = await fetch(p, {
        method: i.method ?? 'GET',
        headers: {
          authorization: `Bearer ${t}`,
          'content-type': 'application/json',
        },
        body: i.body === undefined ? undefined : JSON.stringify(i.body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed };
    },
    { path, init, token },
  );
}

/** Gives a dev IdP user a role, as the admin (registering them first). */
export async function grantRole(
  admin: Page,
  browser: Browser,
  user: DevUser,
  role: string,
) {
  const { context } = await browserAs(browser, user); // first sign-in registers
  await context.close();
  const users = await api(
    admin,
    `/api/user-admin/users?search=${user}%40console.example`,
  );
  const target = users.body.items.find(
    (u: any) => u.email === `${user}@console.example`,
  );
  const res = await api(admin, `/api/user-admin/users/${target.id}`, {
    method: 'PATCH',
    body: { roles: [role] },
  });
  expect(res.status).toBe(200);
}

/**
 * Starts a model promotion as another user, made an operator: the console
 * lets only someone other than its starter approve or reject it.
 */
export async function startPromotionAs(
  admin: Page,
  browser: Browser,
  user: DevUser,
  input: { model: string; toVersion: string },
): Promise<{ workflowId: string; runId: string }> {
  await grantRole(admin, browser, user, 'operator');
  const { context, page } = await browserAs(browser, user);
  try {
    const started = await api(page, '/api/workflows/executions', {
      method: 'POST',
      body: { type: 'modelPromotion', input },
    });
    expect(started.status).toBe(201);
    return started.body;
  } finally {
    await context.close();
  }
}
