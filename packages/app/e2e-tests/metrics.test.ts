import { test, expect } from '@playwright/test';
import { api, signIn } from './sso';

test('events ingested through the API appear on the dashboard and compare side by side', async ({
  page,
}) => {
  await signIn(page, 'admin');
  const model = `e2e-model-${Date.now()}`;
  const now = Date.now();
  const events = ['v1', 'v2'].flatMap((version, v) =>
    Array.from({ length: 40 }, (_, i) => ({
      id: `${model}-${version}-${i}`,
      timestamp: new Date(now - i * 30_000).toISOString(),
      model,
      version,
      provider: 'e2e',
      operation: 'chat',
      latencyMs: 100 + v * 100 + i,
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.001,
      success: i % 10 !== 0,
      ...(i % 10 === 0 ? { errorType: 'timeout' } : {}),
      score: v === 0 ? 0.8 : 0.9,
    })),
  );
  const res = await api(page, '/api/ai-metrics/events', {
    method: 'POST',
    body: { events },
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ accepted: 80, duplicates: 0 });
  // a retried batch counts once
  const again = await api(page, '/api/ai-metrics/events', {
    method: 'POST',
    body: { events },
  });
  expect(again.body).toMatchObject({ accepted: 0, duplicates: 80 });

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'AI Metrics', exact: true })
    .click();
  const card = page.getByRole('article', { name: model });
  await expect(card).toBeVisible();
  await expect(card.getByText('80', { exact: true })).toBeVisible();
  await expect(card.getByText('85%')).toBeVisible();
  await page.screenshot({
    path: '.run/screenshots/ai-metrics-dashboard.png',
    fullPage: true,
  });

  await page.goto(
    `/ai-metrics/compare?model=${model}&version=v1&version=v2&compare=versions`,
  );
  await expect(
    page.getByRole('heading', { name: `Compare versions of ${model}` }),
  ).toBeVisible();
  const table = page.getByRole('table', { name: /side by side/ });
  await expect(table.getByRole('columnheader', { name: 'v1' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'v2' })).toBeVisible();
  await page.screenshot({
    path: '.run/screenshots/ai-metrics-compare.png',
    fullPage: true,
  });
});
