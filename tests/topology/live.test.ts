import { test, expect, Browser, Page } from '@playwright/test';
import { signIn } from '../../packages/app/e2e-tests/sso';
import {
  bearer,
  env,
  pidOf,
  PROXY,
  REPLICAS,
  signInAs,
  temporalClient,
  upstreamPort,
} from './topology';

// Two browsers through the proxy, each pinned to one API replica by the
// proxy's console_replica cookie: one starts an evaluation, the other
// watches it finish without reloading. The worker-only process runs it and
// its metrics reach the dashboard.

async function pinnedBrowser(browser: Browser, replica: 1 | 2) {
  const context = await browser.newContext();
  await context.addCookies([
    { name: 'console_replica', value: String(replica), url: PROXY },
  ]);
  const page = await context.newPage();
  // every answer through the proxy says which replica gave it
  const upstreams = new Set<number>();
  page.on('response', res => {
    const port = upstreamPort(res.headers());
    if (port) upstreams.add(port);
  });
  await signIn(page, 'admin');
  return { context, page, upstreams };
}

/** Counts the page's own navigations (a reload would be one). */
function navigations(page: Page) {
  let count = 0;
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) count += 1;
  });
  return () => count;
}

test('an evaluation started on one replica finishes live on a page served by the other, run by the worker, its metrics on the dashboard', async ({
  browser,
}) => {
  const starter = await pinnedBrowser(browser, 1);
  const watcher = await pinnedBrowser(browser, 2);
  const version = `topology-${Date.now()}`;

  // the watcher's list is open, its signals WebSocket on replica 2
  const frames: string[] = [];
  watcher.page.on('websocket', ws => {
    ws.on('framereceived', frame => frames.push(String(frame.payload)));
  });
  await watcher.page.goto('/workflows');
  await expect(
    watcher.page.getByRole('region', { name: 'Workflow executions' }),
  ).toBeVisible();
  const watcherNavigations = navigations(watcher.page);

  // the starter starts it from the form, on replica 1
  const { page } = starter;
  await page.goto('/workflows/start');
  await page
    .getByRole('combobox', { name: 'Workflow type' })
    .selectOption({ label: 'Model evaluation' });
  await page.getByLabel('Model version').fill(version);
  await page.getByLabel('Evaluate only the first N items').fill('40');
  await page.getByLabel('Items per activity').fill('1');
  const [started] = await Promise.all([
    page.waitForResponse(
      r =>
        r.url().endsWith('/api/workflows/executions') &&
        r.request().method() === 'POST',
    ),
    page.getByRole('button', { name: 'Start', exact: true }).click(),
  ]);
  expect(started.status()).toBe(201);
  expect(upstreamPort(started.headers())).toBe(REPLICAS[0].port);
  const { workflowId } = await started.json();
  // a short second run of another version, for the comparison below
  const second = await fetch(`${PROXY}/api/workflows/executions`, {
    method: 'POST',
    headers: bearer(await signInAs('admin')),
    body: JSON.stringify({
      type: 'modelEvaluation',
      input: {
        model: 'local-sentiment',
        dataset: 'sentiment-small',
        version: `${version}-b`,
        limit: 5,
      },
    }),
  });
  expect(second.status).toBe(201);
  const secondId = (await second.json()).workflowId;

  // the watcher's row appears and turns Completed, pushed, no reload
  for (const id of [workflowId, secondId]) {
    const row = watcher.page.getByRole('row').filter({ hasText: id });
    await expect(row.getByText('Completed')).toBeVisible({ timeout: 90_000 });
  }
  expect(watcherNavigations()).toBe(0);
  expect(frames.some(f => f.includes('workflows'))).toBe(true);
  // each browser was served by its own replica only
  expect([...starter.upstreams]).toEqual([REPLICAS[0].port]);
  expect([...watcher.upstreams]).toEqual([REPLICAS[1].port]);

  // every workflow and activity task ran on the worker-only process
  const { Connection, Client } = temporalClient();
  const connection = await Connection.connect({
    address: env.TEMPORAL_ADDRESS,
  });
  try {
    const client = new Client({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
    });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const identities = new Set(
      (history.events ?? []).flatMap(e => {
        const identity =
          e.workflowTaskStartedEventAttributes?.identity ??
          e.activityTaskStartedEventAttributes?.identity;
        return identity ? [identity] : [];
      }),
    );
    const pid = (identity: string) => Number(identity.split('@')[0]);
    expect([...identities].map(pid)).toEqual([pidOf('worker')]);
  } finally {
    await connection.close();
  }

  // 40 predictions and the accuracy, and 5 and 1, on replica 2's dashboard
  await watcher.page.goto(
    `/ai-metrics/compare?model=local-sentiment&version=${version}&version=${version}-b&compare=versions`,
  );
  const table = watcher.page.getByRole('table', { name: /side by side/ });
  await expect(
    table.getByRole('columnheader', { name: version, exact: true }),
  ).toBeVisible();
  const requests = table.getByRole('row').filter({ hasText: 'Requests' });
  await expect(requests.getByRole('cell')).toHaveText(['41', '6']);
  await watcher.page.screenshot({
    path: '.run/screenshots/topology-compare.png',
    fullPage: true,
  });
  await starter.context.close();
  await watcher.context.close();
});
