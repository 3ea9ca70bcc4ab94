import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  pidOf,
  PROXY,
  REPLICAS,
  restartMissing,
  ROOT,
  signInAs,
  waitUntil,
  withDatabase,
} from './topology';

/** Ingest requests the proxy sent to a replica that it acknowledged. */
function acknowledgedBy(port: number): number {
  const log = readFileSync(
    resolve(ROOT, '.run/topology/nginx/access.log'),
    'utf8',
  );
  return log
    .split('\n')
    .filter(line =>
      line.includes(`-> 127.0.0.1:${port} 200 "POST /api/ai-metrics/events`),
    ).length;
}

// Producers send metric batches through the proxy while one API replica is
// killed (SIGKILL). Every event id the console acknowledged (2xx) must be in
// PostgreSQL afterwards; batches cut off by the kill are sent again by the
// producers and land on the other replica.
test('kill -9 an API replica during ingest through the proxy: no acknowledged event is lost', async () => {
  const [survivor, victim] = REPLICAS;
  // the fault tests' producers: batches of unique ids, sent again until
  // acknowledged, every attempt recorded (an ES module: imported natively)
  const { failureMessages, IngestLoop, runId } = await import(
    '../fault/harness.mjs'
  );
  const token = await signInAs('admin');
  const run = runId('topology_kill');
  const loop = new IngestLoop({
    config: { base: PROXY, token },
    run,
    batchSize: 200,
    concurrency: 4,
  });
  const victimAcksBefore = acknowledgedBy(victim.port);
  try {
    loop.start();
    await waitUntil(
      () =>
        loop.batches.filter(b => b.acked).length >= 20 &&
        acknowledgedBy(victim.port) > victimAcksBefore,
      'both replicas to acknowledge batches',
      30_000,
    );
    const ackedBeforeKill = loop.ackedIds().size;
    process.kill(pidOf(victim.name), 'SIGKILL');
    const killedAt = Date.now();
    // producing on through the proxy, which sends to the survivor
    await sleep(3_000);
    await loop.drain(30_000);

    const acked: Set<string> = loop.ackedIds();
    const stored = await withDatabase('ai-metrics', async db => {
      const { rows } = await db.query(
        'select id from ai_metric_events where starts_with(id, $1)',
        [run],
      );
      return new Set(rows.map(r => r.id as string));
    });
    const missing = [...acked].filter(id => !stored.has(id));
    const figures = {
      batches: loop.batches.length,
      eventsAcknowledgedBeforeKill: ackedBeforeKill,
      eventsAcknowledged: acked.size,
      eventsStored: stored.size,
      statusesAfterKill: loop.statusCounts(killedAt),
      failures: failureMessages(loop.answers),
      acknowledgedBySurvivor: acknowledgedBy(survivor.port),
    };
    test.info().annotations.push({
      type: 'figures',
      description: JSON.stringify(figures),
    });
    expect(missing, JSON.stringify(figures, null, 2)).toEqual([]);
    // every batch got through in the end, each event stored once
    expect(loop.retry).toEqual([]);
    expect(stored.size).toBe(loop.allIds().size);
  } finally {
    loop.stopped = true;
    await Promise.all(loop.workers);
    // the topology as it was, for whatever runs next
    await restartMissing();
  }
  await waitUntil(
    async () =>
      (
        await fetch(`${victim.url}/.backstage/health/v1/readiness`)
      ).ok,
    `${victim.name} to be ready again`,
  );
});
