import { test, expect } from '@playwright/test';
import { PROXY, requestFrom, upstreamPort } from './topology';

// Rate limits per client address behind the proxy: the production limit of
// ai-metrics (600 requests per 10 s per client, counted in Redis across the
// replicas). Each client connects to the proxy from an address of its own
// (127.0.0.0/8 is all loopback); the proxy appends that address to
// X-Forwarded-For and the replicas trust exactly one hop
// (BACKEND_TRUST_PROXY=1), so what a client writes into X-Forwarded-For
// itself never counts.
const LIMIT = 600;
const url = `${PROXY}/api/ai-metrics/health`;

/** Fresh addresses for this run: Redis may still hold a recent run's counts. */
function clients(n: number): string[] {
  const base = 2 + Math.floor(Math.random() * 200);
  return Array.from({ length: n }, (_, i) => `127.0.${base}.${10 + i}`);
}

test('each client address behind the proxy has its own rate-limit bucket, shared by both replicas, and cannot name another', async () => {
  const [a, b, c] = clients(3);

  // client A spends its budget, through both replicas
  const answers: Array<{ status: number; port: number }> = [];
  for (let sent = 0; sent < LIMIT; sent += 25) {
    const batch = await Promise.all(
      Array.from({ length: 25 }, () => requestFrom(a, url)),
    );
    answers.push(
      ...batch.map(r => ({ status: r.status, port: upstreamPort(r.headers) })),
    );
  }
  expect(answers.filter(r => r.status === 429)).toEqual([]);
  expect(new Set(answers.map(r => r.port)).size).toBe(2);

  const refused = await requestFrom(a, url);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  // writing another address in front does not make A someone else
  expect(
    (await requestFrom(a, url, { 'X-Forwarded-For': '203.0.113.9' })).status,
  ).toBe(429);
  // B has its own budget
  expect((await requestFrom(b, url)).status).not.toBe(429);
  // and C cannot spend A's or claim to be A
  expect((await requestFrom(c, url, { 'X-Forwarded-For': a })).status).not.toBe(
    429,
  );
});
