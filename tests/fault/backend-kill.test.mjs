// Fault test: the backend is killed (SIGKILL) during an ingest run.
//
// A real backend (packages/backend, the repository's app-config.yaml plus an
// overlay) stores into the scripts/postgres.sh cluster on PG_PORT, under a
// database prefix of its own. Producers post batches with unique ids; midway
// the test kills the backend with SIGKILL and, as its supervisor, starts it
// again on the same databases. Expected: every id acknowledged before the
// kill is stored; the batches that were in flight, sent again, are accepted
// once (what a killed attempt had already committed counts as duplicates);
// an acknowledged batch sent again is all duplicates; rollups count every
// stored event once; the restarted backend serves ingest and /health.
//
// Local run (see postgres-restart.test.mjs for the cluster):
//   PG_PORT=55632 PG_DATA=/tmp/fault-pg-55632 TEMPORAL_ADDRESS=... \
//     node --test tests/fault/backend-kill.test.mjs
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
  runId,
  startBackend,
  stopBackend,
  storedEvents,
  problems,
  waitUntil,
} from './harness.mjs';

const BATCH = 200;
const CONCURRENCY = 4;

const isOk = status => status >= 200 && status < 300;

test(
  'kill -9 the backend during an ingest run: acknowledged events stored, retries accepted once, serving again after a restart',
  { timeout: 120_000 },
  async t => {
    await assertOwnCluster();
    const run = runId('kill');
    const prefix = `${run}_`;
    const config = await backendConfig({ port: backendPort(1), prefix });
    let backend;
    let loop;
    t.after(async () => {
      if (loop) {
        loop.stopped = true;
        await Promise.all(loop.workers);
      }
      await stopBackend(backend);
      await dropDatabases(prefix).catch(error =>
        log(`could not drop the databases ${prefix}*: ${error.message}`),
      );
    });

    backend = await startBackend(config, { name: 'backend-1' });
    const firstLog = backend.logFile;
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
      { timeoutMs: 30_000, what: '20 acknowledged batches before the kill' },
    );

    // ---- kill -9, and hold the producers until the supervisor restarted it
    const killAt = Date.now();
    process.kill(backend.pid, 'SIGKILL');
    loop.pause();
    const exit = await backend.child.exited;
    assert.equal(exit.signal, 'SIGKILL');
    // the attempts in flight at the kill end now (no answer)
    await waitUntil(() => !loop.batches.some(b => b.inFlight), {
      timeoutMs: 35_000,
      what: 'the attempts in flight at the kill to end',
    });
    // a COMMIT the killed process had sent settles in PostgreSQL meanwhile
    await sleep(500);
    const ackedBeforeKill = loop.ackedIds();
    const unacked = loop.batches.filter(b => !b.acked);
    const storedAfterKill = await storedEvents(prefix, run);
    const missingAfterKill = [...ackedBeforeKill].filter(
      id => !storedAfterKill.ids.has(id),
    );
    // ids of unacknowledged batches that a killed attempt had committed
    const alreadyStored = new Map(
      unacked.map(b => [
        b.number,
        b.ids.filter(id => storedAfterKill.ids.has(id)).length,
      ]),
    );

    const restartAt = Date.now();
    backend = await startBackend(config, { name: 'backend-2' });
    const restartMs = Date.now() - restartAt;
    const killToReadyMs = Date.now() - killAt;

    // ---- retries of the unacknowledged batches, then new batches for 2 s
    const resumeAt = Date.now();
    loop.resume();
    await waitUntil(() => unacked.every(b => b.acked), {
      timeoutMs: 20_000,
      what: 'the retried batches to be acknowledged',
    });
    const firstOk = loop.answers.find(a => a.at >= resumeAt && isOk(a.status));
    const newBefore = loop.nextBatch;
    await sleep(2_000);
    await loop.drain(30_000);
    const newAfterRestart = loop.batches.filter(
      b => b.number >= newBefore && b.acked,
    ).length;

    // ---- an acknowledged batch sent again is all duplicates
    const resent = loop.batches
      .filter(b => ackedBeforeKill.has(b.ids[0]))
      .slice(0, 3);
    const resendAnswers = [];
    for (const b of resent) {
      const res = await fetch(`${config.base}/api/ai-metrics/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${config.token}`,
        },
        body: b.body,
      });
      resendAnswers.push({ status: res.status, body: await res.json() });
    }
    const health = await get(config, '/api/ai-metrics/health');

    const stored = await storedEvents(prefix, run);
    const all = loop.allIds();
    const missing = [...loop.ackedIds()].filter(id => !stored.ids.has(id));
    const { accepted, duplicates } = loop.totals();
    const statusesBefore = loop.statusCounts(0, resumeAt);
    const statusesAfter = loop.statusCounts(resumeAt);
    const figures = {
      batches: loop.batches.length,
      eventsAcknowledgedBeforeKill: ackedBeforeKill.size,
      eventsStoredAfterKill: storedAfterKill.ids.size,
      batchesInFlightAtKill: unacked.length,
      inFlightEventsAlreadyStored: [...alreadyStored.values()].reduce(
        (a, b) => a + b,
        0,
      ),
      retriedBatchAnswers: unacked.map(b => {
        const ok = b.attempts.find(a => isOk(a.status));
        return { accepted: ok?.accepted, duplicates: ok?.duplicates };
      }),
      newBatchesAfterRestart: newAfterRestart,
      eventsAcknowledged: loop.ackedIds().size,
      eventsStored: stored.ids.size,
      rollupRequestsMinute: stored.minuteRequests,
      rollupRequestsHour: stored.hourRequests,
      accepted,
      duplicates,
      statusesBeforeKill: statusesBefore,
      statusesAfterRestart: statusesAfter,
      failures: failureMessages(loop.answers),
      restartMs,
      killToReadyMs,
      firstOkAfterRestartMs: firstOk ? firstOk.end - resumeAt : null,
      resent: resendAnswers.map(a => `${a.status} ${JSON.stringify(a.body)}`),
      health: health.status,
    };
    t.diagnostic(`figures ${JSON.stringify(figures)}`);
    const context = () =>
      `${JSON.stringify(
        figures,
        null,
        2,
      )}\nfirst backend's warnings:\n${problems(
        firstLog,
      )}\nbackend warnings:\n${problems(backend.logFile)}`;

    // acknowledged before the kill means stored (durable before 2xx)
    assert.deepEqual(
      missingAfterKill,
      [],
      `acknowledged ids lost by the kill\n${context()}`,
    );
    assert.ok(
      unacked.length > 0,
      `no batch was in flight at the kill\n${context()}`,
    );
    // no 5xx before the kill or after the restart; only the attempts in
    // flight at the kill went unanswered (status 0), once each
    for (const statuses of [statusesBefore, statusesAfter]) {
      const bad = Object.keys(statuses)
        .map(Number)
        .filter(s => !isOk(s) && s !== 429 && s !== 0);
      assert.deepEqual(bad, [], `unexpected statuses\n${context()}`);
    }
    assert.equal(statusesBefore[0] ?? 0, unacked.length);
    assert.equal(
      statusesAfter[0] ?? 0,
      0,
      `unanswered after the restart\n${context()}`,
    );
    // each retried batch accepted once: what the killed attempt had
    // committed counts as duplicates, the rest as accepted
    for (const b of unacked) {
      const ok = b.attempts.filter(a => isOk(a.status));
      assert.equal(ok.length, 1, `batch ${b.number} acknowledged once`);
      assert.equal(
        ok[0].duplicates,
        alreadyStored.get(b.number),
        `duplicates of batch ${b.number}\n${context()}`,
      );
      assert.equal(ok[0].accepted, BATCH - alreadyStored.get(b.number));
    }
    // an acknowledged batch sent again: all duplicates, nothing stored twice
    assert.equal(resendAnswers.length, 3);
    for (const a of resendAnswers) {
      assert.equal(a.status, 200);
      assert.deepEqual(a.body, { accepted: 0, duplicates: BATCH });
    }
    // the restarted backend serves
    assert.ok(
      newAfterRestart > 0,
      'no new batch acknowledged after the restart',
    );
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    // every batch acknowledged, every event stored once, counted once
    assert.equal(loop.retry.length, 0, 'batches never acknowledged');
    assert.deepEqual(missing, [], 'acknowledged ids missing from the store');
    assert.equal(stored.ids.size, all.size, 'stored events of this run');
    assert.equal(stored.minuteRequests, stored.ids.size, 'minute rollups');
    assert.equal(stored.hourRequests, stored.ids.size, 'hour rollups');
    assert.equal(accepted + duplicates, all.size, 'accepted + duplicates');
  },
);
