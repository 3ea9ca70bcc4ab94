#!/usr/bin/env node
// Load test of a running backend (a benchmark, not a test: it prints figures).
//
//   load:     ingest at full rate into POST /api/ai-metrics/events
//             (BENCH_CONCURRENCY batches of BENCH_BATCH events in flight, unique
//             ids, timestamps over the last 24 hours) for BENCH_SECONDS, while a
//             second loop makes the reads a console user makes, at a fixed
//             rate (BENCH_READ_RATE requests/s, round robin over the routes):
//               GET /api/workflows/executions?pageSize=100
//               GET /api/ai-metrics/series (last 24 hours, automatic step)
//               GET /api/user-admin/users
//               GET /api/{ai-metrics,workflows,user-admin}/health
//               GET /.backstage/health/v1/readiness
//   baseline: the same reads at the same rate for BENCH_BASELINE_SECONDS without
//             load, after the load (same data in the database), once the backend
//             has settled for 5 s.
// Prints events/s ingested, and p50/p95/p99/max per read route, with load and
// without. Reads are sent on schedule whether or not earlier ones answered
// (open loop), so a slow answer does not hide the ones behind it; at most
// 200 reads are outstanding (beyond that a read counts as skipped).
//
// Run from the repository root against a backend on loopback, for instance
// the full backend (packages/backend) on PostgreSQL with a static token, as
// bench/load.app-config.yaml sets it up (its header says how to start it):
//   source scripts/lib/env.sh
//   BENCH_URL=http://127.0.0.1:7068 BENCH_TOKEN=<backend.auth.externalAccess static token> \
//   [BENCH_BACKEND_PID=<pid of the backend node process>] node bench/load.mjs
// Ingest uses BENCH_TOKEN (a service producer). Reads use BENCH_USER_TOKEN, or
// a guest sign-in when the backend offers it (development), else BENCH_TOKEN.
// BENCH_NO_GUEST=1 skips the guest sign-in (reads as BENCH_TOKEN, as in
// production mode, where there is no guest). Without BENCH_TOKEN ingest also
// uses the user (guest) token. Under
// app-config.e2e.yaml loopback is rate limited: expect 429s there.
//
// Bounded: BENCH_SECONDS (30) of load, at most BENCH_MAX_EVENTS (5,000,000)
// events, BENCH_BASELINE_SECONDS (10) of baseline, BENCH_READ_RATE (10) reads/s.
// Every run ingests new events (ids carry the run's start time).
import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeIngest,
  describeReads,
  ingest,
  loopbackBase,
  readLoop,
  readRoutes,
  rssOf,
  say,
} from './lib/load.mjs';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const BASELINE_SECONDS = Number(env.BENCH_BASELINE_SECONDS ?? 10);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 8);
const BATCH = Number(env.BENCH_BATCH ?? 500);
const READ_RATE = Number(env.BENCH_READ_RATE ?? 10);
const MAX_EVENTS = Number(env.BENCH_MAX_EVENTS ?? 5_000_000);

if (!env.BENCH_URL) {
  say(
    'usage: BENCH_URL=http://127.0.0.1:<port> BENCH_TOKEN=<token> node bench/load.mjs',
  );
  process.exit(2);
}
const base = loopbackBase(env.BENCH_URL);

/** A user's token for the reads: BENCH_USER_TOKEN, a guest sign-in, or undefined. */
async function userToken() {
  if (env.BENCH_USER_TOKEN)
    return { token: env.BENCH_USER_TOKEN, who: 'BENCH_USER_TOKEN' };
  // BENCH_NO_GUEST=1 reads as BENCH_TOKEN even where guest sign-in works,
  // to compare development and production mode with the same caller
  if (env.BENCH_NO_GUEST === '1') return undefined;
  try {
    const res = await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (res.ok) {
      const token = (await res.json())?.backstageIdentity?.token;
      if (token) return { token, who: 'guest sign-in' };
    } else {
      await res.arrayBuffer();
    }
  } catch {
    // no guest provider
  }
  return undefined;
}

const pid = env.BENCH_BACKEND_PID ? Number(env.BENCH_BACKEND_PID) : undefined;
const user = await userToken();
const ingestToken = env.BENCH_TOKEN ?? user?.token;
const readToken = user?.token ?? env.BENCH_TOKEN;
if (!ingestToken || !readToken) {
  throw new Error(
    'set BENCH_TOKEN (a static externalAccess token), BENCH_USER_TOKEN, or use a backend with the guest provider',
  );
}
say(
  `backend ${base}; ingest as ${
    env.BENCH_TOKEN ? 'BENCH_TOKEN' : user.who
  }, reads as ${user ? user.who : 'BENCH_TOKEN'}`,
);
say(
  `load: ${SECONDS} s of ingest, ${CONCURRENCY} concurrent batches of ${BATCH} events; reads at ${READ_RATE}/s round robin over ${
    readRoutes().length
  } routes`,
);
const rssBefore = rssOf(pid);

// ---- load: ingest and reads together
let peakRss = rssBefore ?? 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssOf(pid) ?? 0);
}, 500);
const until = performance.now() + SECONDS * 1000;
const [loadIngest, loadReads] = await Promise.all([
  ingest({
    base,
    token: ingestToken,
    until,
    concurrency: CONCURRENCY,
    batch: BATCH,
    maxEvents: MAX_EVENTS,
  }),
  readLoop({ base, token: readToken, seconds: SECONDS, rate: READ_RATE }),
]);
clearInterval(sampler);
say(`ingest: ${describeIngest(loadIngest)}`);
if (rssBefore !== undefined) {
  say(
    `backend RSS: ${rssBefore.toFixed(0)} MB before, ${peakRss.toFixed(
      0,
    )} MB sampled peak under load`,
  );
}

// ---- baseline: the same reads without load
await sleep(5_000);
const baseline = await readLoop({
  base,
  token: readToken,
  seconds: BASELINE_SECONDS,
  rate: READ_RATE,
});

const during = describeReads(loadReads.results);
const without = describeReads(baseline.results);
say(
  `reads during load (${SECONDS} s; client timer lag max ${loadReads.maxLag.toFixed(
    0,
  )} ms):`,
);
for (const [name, text] of during) say(`  ${name.padEnd(44)} ${text}`);
say(
  `reads without load, baseline (${BASELINE_SECONDS} s; client timer lag max ${baseline.maxLag.toFixed(
    0,
  )} ms):`,
);
for (const [name, text] of without) say(`  ${name.padEnd(44)} ${text}`);
