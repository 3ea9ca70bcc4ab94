import { test, expect, Page } from '@playwright/test';
import { api, signIn } from './sso';

/**
 * Script payloads fed through every way data reaches the console's pages —
 * workflow inputs, user and role names, metric labels — are shown as text
 * and never run.
 */
const stamp = Date.now();
const payloads = {
  img: `<img src=x onerror="window.__xss=(window.__xss||[]).concat('img-${stamp}')">`,
  script: `<script>window.__xss=(window.__xss||[]).concat('script')</script>`,
  svg: `"><svg onload="window.__xss=(window.__xss||[]).concat('svg')">`,
  // eslint-disable-next-line no-script-url
  link: `javascript:window.__xss=(window.__xss||[]).concat('link')`,
};

async function expectNothingRan(page: Page, where: string) {
  const ran = await page.evaluate(() => (window as any).__xss ?? []);
  expect(ran, `scripts ran on ${where}`).toEqual([]);
  // no element was made from the payloads' markup
  const made = await page.evaluate(() =>
    Array.from(document.querySelectorAll('*'))
      .filter(
        el =>
          // an event handler attribute, or an image from the payload (data in
          // an encoded link address is fine: links are checked below)
          Array.from(el.attributes).some(
            a => a.name.startsWith('on') && a.value.includes('__xss'),
          ) ||
          (el.tagName === 'IMG' && el.getAttribute('src') === 'x') ||
          (el.tagName === 'SCRIPT' && el.textContent?.includes('__xss')),
      )
      .map(el => el.outerHTML.slice(0, 120)),
  );
  expect(made, `elements from payloads on ${where}`).toEqual([]);
  // links never take a javascript: address from data
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll(links => links.map(a => a.getAttribute('href') ?? ''));
  expect(
    // eslint-disable-next-line no-script-url
    hrefs.filter(h => h.trim().toLowerCase().startsWith('javascript:')),
  ).toEqual([]);
}

test('script payloads in workflow inputs, user names and metric labels never run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  page.on('dialog', dialog => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await signIn(page, 'admin');

  // workflow inputs
  const started = await api(page, '/api/workflows/executions', {
    method: 'POST',
    body: {
      type: 'modelPromotion',
      input: { model: payloads.img, toVersion: payloads.script },
    },
  });
  expect(started.status).toBe(201);
  // user and role names
  const invited = await api(page, '/api/user-admin/users/invite', {
    method: 'POST',
    body: {
      email: `xss-${stamp}@console.example`,
      displayName: payloads.svg,
    },
  });
  expect(invited.status).toBe(201);
  const role = `xss-${stamp}`;
  const created = await api(page, '/api/user-admin/roles', {
    method: 'POST',
    body: {
      name: role,
      title: payloads.img,
      description: payloads.link,
      grants: [],
    },
  });
  expect(created.status).toBe(201);
  // metric labels
  const model = payloads.img;
  const ingested = await api(page, '/api/ai-metrics/events', {
    method: 'POST',
    body: {
      events: Array.from({ length: 6 }, (_, i) => ({
        id: `xss-${stamp}-${i}`,
        timestamp: new Date(Date.now() - i * 60_000).toISOString(),
        model,
        version: i % 2 ? payloads.script : payloads.link,
        provider: payloads.svg.slice(0, 60),
        operation: 'chat',
        latencyMs: 100 + i,
        success: i !== 0,
        ...(i === 0 ? { errorType: payloads.script } : {}),
        labels: { team: payloads.img.slice(0, 250) },
      })),
    },
  });
  expect(ingested.status).toBe(200);

  const visits: Array<[string, string, RegExp | string]> = [
    ['workflow list', '/workflows', started.body.workflowId],
    [
      'workflow detail',
      `/workflows/executions/${started.body.workflowId}`,
      'onerror',
    ],
    ['metrics dashboard', '/ai-metrics', 'onerror'],
    [
      'metrics comparison',
      `/ai-metrics/compare?model=${encodeURIComponent(
        model,
      )}&version=${encodeURIComponent(
        payloads.script,
      )}&version=${encodeURIComponent(payloads.link)}&compare=versions`,
      'onerror',
    ],
    ['users', `/user-admin?search=xss-${stamp}`, 'onload'],
    ['roles', '/user-admin/roles', 'onerror'],
    // eslint-disable-next-line no-script-url
    ['role editor', `/user-admin/roles/${role}`, 'javascript:'],
    ['audit log', '/user-admin/audit', role],
  ];
  for (const [where, path, shown] of visits) {
    await page.goto(path);
    // the payload is on the page as text: it reached the page and was escaped
    await expect(
      page.getByText(shown).filter({ visible: true }).first(),
    ).toBeVisible();
    await expectNothingRan(page, where);
  }
  expect(dialogs).toEqual([]);
});
