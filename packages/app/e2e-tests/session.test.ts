import { test, expect } from '@playwright/test';
import { api, browserAs, signIn, tokenOf } from './sso';

test('a revoked session is noticed, explained, and signed in again in a popup without leaving the page', async ({
  page,
  browser,
}) => {
  // the viewer works on the workflows page in a browser of their own
  const viewer = await browserAs(browser, 'newcomer');
  const nav = viewer.page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Workflows', exact: true }).click();
  await expect(viewer.page).toHaveURL(/\/workflows(\?.*)?$/);

  // an admin logs the viewer out everywhere, through the API
  await signIn(page, 'admin');
  const users = await api(
    page,
    '/api/user-admin/users?search=newcomer%40console.example',
  );
  expect(users.status).toBe(200);
  const target = users.body.items.find(
    (u: any) => u.email === 'newcomer@console.example',
  );
  const revoked = await api(
    page,
    `/api/user-admin/users/${target.id}/sessions/revoke-all`,
    { method: 'POST', body: { reason: 'e2e: session expiry' } },
  );
  expect(revoked.status).toBe(200);

  // the viewer's next requests (navigating within the app, no reload) are
  // refused once every backend has read the revocation (one poll, 2 s); the
  // banner says why, once
  const banner = viewer.page
    .getByRole('alert')
    .filter({ hasText: 'Your session has ended' });
  await expect(async () => {
    await nav.getByRole('link', { name: 'AI Metrics', exact: true }).click();
    await nav.getByRole('link', { name: 'Workflows', exact: true }).click();
    await expect(banner).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(banner).toHaveCount(1);
  await expect(banner).toContainText(
    'Your session has ended: your sessions were ended (logged out everywhere): sign in again',
  );
  await expect(viewer.page).toHaveURL(/\/workflows(\?.*)?$/);
  const url = viewer.page.url();
  // the page's own error state, with its Retry
  const listError = viewer.page
    .getByRole('alert')
    .filter({ hasText: 'Could not load the execution list' });
  await expect(listError).toBeVisible();

  // a marker on the window: it survives only if the page is not reloaded
  await viewer.page.evaluate(() => {
    (window as any).__sessionE2eMarker = 'still here';
  });
  let navigations = 0;
  viewer.page.on('framenavigated', frame => {
    if (frame === viewer.page.mainFrame()) navigations += 1;
  });

  // Sign in again opens the dev IdP's window; the viewer signs in there
  const [popup] = await Promise.all([
    viewer.page.waitForEvent('popup'),
    banner.getByRole('button', { name: 'Sign in again' }).click(),
  ]);
  await popup.getByLabel('Username').fill('newcomer');
  await popup.getByLabel('Password').fill('newcomer-password');
  await popup.getByRole('button', { name: 'Sign in' }).click();

  // the banner goes; the page is the same page (same URL, not reloaded)
  await expect(banner).toHaveCount(0);
  expect(viewer.page.url()).toBe(url);
  expect(navigations).toBe(0);
  expect(
    await viewer.page.evaluate(() => (window as any).__sessionE2eMarker),
  ).toBe('still here');

  // and the page works again with the new session: its own Retry reloads it
  await listError.getByRole('button', { name: 'Retry' }).click();
  await expect(listError).toHaveCount(0);
  await expect(banner).toHaveCount(0);
  expect(viewer.page.url()).toBe(url);

  await viewer.context.close();
});

test('a session revoked while its live-update socket is open: the socket is ended and its token opens no other', async ({
  page,
  browser,
}) => {
  const viewer = await browserAs(browser, 'operator');
  const token = await tokenOf(viewer.page);
  const socket = viewer.page.waitForEvent('websocket', {
    predicate: ws => ws.url().includes('/api/signals'),
  });
  const nav = viewer.page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Workflows', exact: true }).click();
  const ws = await socket;
  const closed = new Promise<void>(resolve => ws.on('close', () => resolve()));

  await signIn(page, 'admin');
  const users = await api(
    page,
    '/api/user-admin/users?search=operator%40console.example',
  );
  const target = users.body.items.find(
    (u: any) => u.email === 'operator@console.example',
  );
  const revoked = await api(
    page,
    `/api/user-admin/users/${target.id}/sessions/revoke-all`,
    { method: 'POST', body: { reason: 'e2e: socket' } },
  );
  expect(revoked.status).toBe(200);

  // ended by the server (the bound is a second; the wait here is generous)
  await Promise.race([
    closed,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('the socket stayed open')), 10_000),
    ),
  ]);

  // the old token opens no new socket
  const reopened = await viewer.page.evaluate(async t => {
    const url = `${location.origin.replace(/^http/, 'ws')}/api/signals`;
    return new Promise<string>(resolve => {
      const s = new WebSocket(url, [t]);
      s.onopen = () => {
        s.close();
        resolve('opened');
      };
      s.onerror = () => resolve('refused');
    });
  }, token);
  expect(reopened).toBe('refused');
  await viewer.context.close();
});
