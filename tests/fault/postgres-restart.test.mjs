// Fault test: PostgreSQL restarts while producers ingest metric events.
//
// A real backend (packages/backend, the repository's app-config.yaml plus an
// overlay) stores into the scripts/postgres.sh cluster on PG_PORT, under a
// database prefix of its own. Producers post batches with unique ids; midway
// the cluster is stopped, kept down a few seconds and started again.
// Expected: 503 with a clear message while it is down (never 500, never a
// dropped connection), /health unavailable then ok, 2xx again within a
// bounded time without touching the backend, every acknowledged id in the
// raw table, and rollups that count every stored event exactly once.
//
// It stops the cluster on PG_PORT: run it where nothing else uses that
// cluster (scripts/test.sh runs it after jest). Local run on another cluster:
//   PG_PORT=55632 PG_DATA=/tmp/fault-pg-55632 scripts/postgres.sh start
//   PG_PORT=55632 PG_DATA=/tmp/fault-pg-55632 TEMPORAL_ADDRESS=... \
//     node --test tests/fault/postgres-restart.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  assertOwnCluster,
  backendConfig,
  backendPort,
  dropDatabases,
  failureMessages,
  get,
  IngestLoop,
  log,
  postgres,
  runId,
  startBackend,
  stopBackend,
  storedEvents,
  problems,
  waitUntil,
} from './harness.mjs';

const BATCH = 200;
const CONCURRENCY = 4;
/** how long PostgreSQL stays down */
const OUTAGE_MS = 4_000;
/** the bound on 2xx again after PostgreSQL is back */
const RECOVERY_BOUND_MS = 15_000;

const isOk = status => status >= 200 && status < 300;

test(
  'restart PostgreSQL during ingest: 503 while it is down, recovery without a restart, every acknowledged event stored once',
  { timeout: 120_000 },
  async t => {
    await assertOwnCluster();
    const run = runId('pg');
    const prefix = `${run}_`;
    const config = await backendConfig({ port: backendPort(0), prefix });
    let backend;
    let loop;
    let pgDown = false;
    t.after(async () => {
      if (loop) {
        loop.stopped = true;
        await Promise.all(loop.workers);
      }
      if (pgDown) await postgres('start');
      await stopBackend(backend);
      await dropDatabases(prefix).catch(error =>
        log(`could not drop the databases ${prefix}*: ${error.message}`),
      );
    });

    backend = await startBackend(config);
    const healthBefore = await get(config, '/api/ai-metrics/health');
    assert.equal(healthBefore.status, 200, JSON.stringify(healthBefore.body));

    loop = new IngestLoop({
      config,
      run,
      batchSize: BATCH,
      concurrency: CONCURRENCY,
    });
    loop.start();
    const loadStart = Date.now();
    await waitUntil(
      () =>
        Date.now() - loadStart >= 2_000 &&
        loop.batches.filter(b => b.acked).length >= 20,
      { timeoutMs: 30_000, what: '20 acknowledged batches before the outage' },
    );
    const ackedBeforeOutage = loop.ackedIds().size;

    // ---- outage
    const stopAt = Date.now();
    pgDown = true;
    await postgres('stop');
    const downAt = Date.now();
    const healthDown = await get(config, '/api/ai-metrics/health');
    await sleep(OUTAGE_MS);
    const startAt = Date.now();
    await postgres('start');
    pgDown = false;
    const upAt = Date.now();

    // ---- recovery: the first 2xx answer that began after PostgreSQL was back
    const firstOk = await waitUntil(
      () => loop.answers.find(a => a.at >= upAt && isOk(a.status)),
      { timeoutMs: RECOVERY_BOUND_MS + 5_000, what: 'a 2xx after the restart' },
    );
    const recoveryMs = firstOk.end - upAt;
    const healthUp = await waitUntil(
      async () => {
        const health = await get(config, '/api/ai-metrics/health');
        return health.status === 200 ? health : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: '/health ok' },
    );
    await sleep(2_000);
    await loop.drain(30_000);

    const stored = await storedEvents(prefix, run);
    const acked = loop.ackedIds();
    const all = loop.allIds();
    const missing = [...acked].filter(id => !stored.ids.has(id));
    const statuses = loop.statusCounts();
    const duringOutage = loop.answers.filter(
      a => a.at >= downAt && a.at < startAt,
    );
    const outageStatuses = loop.statusCounts(downAt, startAt);
    const { accepted, duplicates } = loop.totals();
    const retried = loop.batches.filter(b => b.attempts.length > 1);

    const figures = {
      batches: loop.batches.length,
      eventsAcknowledged: acked.size,
      eventsAcknowledgedBeforeOutage: ackedBeforeOutage,
      eventsStored: stored.ids.size,
      rollupRequestsMinute: stored.minuteRequests,
      rollupRequestsHour: stored.hourRequests,
      accepted,
      duplicates,
      batchesRetried: retried.length,
      statuses,
      outageStatuses,
      failures: failureMessages(loop.answers),
      pgStopMs: downAt - stopAt,
      pgDownMs: upAt - downAt,
      pgStartMs: upAt - startAt,
      recoveryMs,
      healthDown: healthDown.status,
      healthUp: healthUp.status,
    };
    t.diagnostic(`figures ${JSON.stringify(figures)}`);
    const context = () =>
      `${JSON.stringify(figures, null, 2)}\nbackend warnings:\n${problems(
        backend.logFile,
      )}`;

    // the backend stayed up and answered every request
    assert.equal(backend.child.exitCode, null, `backend exited\n${context()}`);
    assert.equal(
      statuses[0] ?? 0,
      0,
      `requests without an answer\n${context()}`,
    );
    // while down: 503 (or 429), never 500
    const unexpected = Object.keys(statuses)
      .map(Number)
      .filter(s => !isOk(s) && s !== 503 && s !== 429);
    assert.deepEqual(unexpected, [], `unexpected statuses\n${context()}`);
    // nothing is acknowledged while the database is down
    assert.equal(
      duringOutage.filter(a => isOk(a.status)).length,
      0,
      `2xx while PostgreSQL was down\n${context()}`,
    );
    const unavailable = duringOutage.filter(a => a.status === 503);
    assert.ok(
      unavailable.length > 0,
      `no 503 while PostgreSQL was down\n${context()}`,
    );
    for (const a of unavailable) {
      assert.match(a.message, /database is unavailable.*retry later/);
      assert.match(a.retryAfter ?? '', /^[1-9][0-9]*$/);
    }
    // /health said so, then recovered
    assert.equal(healthDown.status, 503);
    assert.equal(healthDown.body.status, 'unavailable');
    assert.equal(healthDown.body.database.reachable, false);
    assert.equal(healthUp.body.status, 'ok');
    // back to 2xx within the bound, with no step by hand
    assert.ok(
      recoveryMs <= RECOVERY_BOUND_MS,
      `recovery took ${recoveryMs} ms`,
    );

    // durability: every batch was eventually acknowledged, every acknowledged id is stored
    assert.equal(loop.retry.length, 0, 'batches never acknowledged');
    assert.equal(acked.size, all.size);
    assert.deepEqual(missing, [], `acknowledged ids missing from the store`);
    assert.equal(stored.ids.size, all.size, 'stored events of this run');
    // no double counting: rollups count each stored event once, and the
    // answers count each event once as accepted or (after an attempt whose
    // outcome was unknown) as a duplicate
    assert.equal(stored.minuteRequests, stored.ids.size, 'minute rollups');
    assert.equal(stored.hourRequests, stored.ids.size, 'hour rollups');
    assert.equal(accepted + duplicates, all.size, 'accepted + duplicates');
    for (const b of loop.batches) {
      const ok = b.attempts.filter(a => isOk(a.status));
      assert.equal(ok.length, 1, `batch ${b.number} acknowledged once`);
      if (b.attempts.length === 1) {
        assert.equal(ok[0].duplicates, 0, `batch ${b.number} sent once`);
      }
    }
  },
);
