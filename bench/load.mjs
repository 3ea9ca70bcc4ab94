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
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const BASELINE_SECONDS = Number(env.BENCH_BASELINE_SECONDS ?? 10);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 8);
const BATCH = Number(env.BENCH_BATCH ?? 500);
const READ_RATE = Number(env.BENCH_READ_RATE ?? 10);
const MAX_EVENTS = Number(env.BENCH_MAX_EVENTS ?? 5_000_000);
const MAX_OUTSTANDING_READS = 200;
const READ_TIMEOUT_MS = 30_000;
const HOUR = 3_600_000;
const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'claude-3-5-sonnet',
  'llama-3-1-70b',
  'mistral-large',
];

const say = (...parts) => process.stdout.write(`${parts.join(' ')}\n`);
const fmt = n => Math.round(n).toLocaleString('en-US');

if (!env.BENCH_URL) {
  say(
    'usage: BENCH_URL=http://127.0.0.1:<port> BENCH_TOKEN=<token> node bench/load.mjs',
  );
  process.exit(2);
}
const base = env.BENCH_URL.replace(/\/$/, '');
const host = new URL(base).hostname;
if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
  throw new Error(`BENCH_URL must point at loopback, got ${host}`);
}

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

function rssOf(pid) {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return undefined;
  }
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** A deterministic pseudo-random event; i makes it unique within a run. */
function makeEvent(run, i, now) {
  const r = ((i * 2654435761) >>> 0) / 4294967296;
  return {
    id: `load-${run}-${i}`,
    timestamp: new Date(now - Math.floor(r * 23.9 * HOUR)).toISOString(),
    model: MODELS[i % MODELS.length],
    version: `v${i % 3}`,
    provider: 'bench',
    operation: 'chat',
    latencyMs: Math.round(80 * Math.exp(3 * r) * 10) / 10,
    inputTokens: 100 + (i % 900),
    outputTokens: 20 + (i % 300),
    costUsd: 0.0001 * (1 + (i % 50)),
    ...(i % 50 === 0 ? { errorType: 'timeout' } : {}),
    ...(i % 10 === 0 ? { score: (i % 100) / 100 } : {}),
  };
}

/** Ingest at full rate until `until` (performance.now()) or MAX_EVENTS. */
async function ingest({ token, until }) {
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  };
  const run = Date.now().toString(36);
  const now = Date.now();
  const stats = {
    accepted: 0,
    duplicates: 0,
    refused: 0,
    failed: {},
    batches: 0,
    latencies: [],
  };
  let next = 0;
  const worker = async () => {
    while (performance.now() < until && next < MAX_EVENTS) {
      const from = next;
      next += BATCH;
      const events = [];
      for (let i = from; i < Math.min(from + BATCH, MAX_EVENTS); i++) {
        events.push(makeEvent(run, i, now));
      }
      const body = JSON.stringify({ events });
      // a refused or failed batch is sent again, as a producer would
      while (performance.now() < until) {
        const t = performance.now();
        let res;
        try {
          res = await fetch(`${base}/api/ai-metrics/events`, {
            method: 'POST',
            headers,
            body,
          });
        } catch (error) {
          const key = error.cause?.code ?? error.name;
          stats.failed[key] = (stats.failed[key] ?? 0) + 1;
          await sleep(250);
          continue;
        }
        if (res.ok) {
          const result = await res.json();
          stats.latencies.push(performance.now() - t);
          stats.accepted += result.accepted;
          stats.duplicates += result.duplicates;
          stats.batches += 1;
          break;
        }
        await res.arrayBuffer();
        if (res.status === 429) {
          stats.refused += 1;
        } else {
          stats.failed[res.status] = (stats.failed[res.status] ?? 0) + 1;
        }
        const retryAfter = Number(res.headers.get('retry-after')) || 1;
        await sleep(Math.min(retryAfter * 1000, 2000));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/** The console reads, each a name and the path of its query (made at call time). */
function readRoutes() {
  return [
    [
      'GET /api/workflows/executions?pageSize=100',
      () => '/api/workflows/executions?pageSize=100',
    ],
    [
      'GET /api/ai-metrics/series (24 h)',
      () => {
        const to = new Date();
        const from = new Date(to.getTime() - 24 * HOUR);
        return `/api/ai-metrics/series?${new URLSearchParams({
          from: from.toISOString(),
          to: to.toISOString(),
        })}`;
      },
    ],
    ['GET /api/user-admin/users', () => '/api/user-admin/users'],
    ['GET /api/ai-metrics/health', () => '/api/ai-metrics/health'],
    ['GET /api/workflows/health', () => '/api/workflows/health'],
    ['GET /api/user-admin/health', () => '/api/user-admin/health'],
    [
      'GET /.backstage/health/v1/readiness',
      () => '/.backstage/health/v1/readiness',
    ],
  ];
}

/**
 * Reads at READ_RATE per second, round robin over the routes, from now until
 * `seconds` have passed; answers per route the latencies of 2xx answers and
 * the other outcomes counted.
 */
async function readLoop({ token, seconds }) {
  const routes = readRoutes();
  const results = new Map(
    routes.map(([name]) => [name, { ms: [], errors: {}, skipped: 0 }]),
  );
  const headers = { authorization: `Bearer ${token}` };
  const pending = new Set();
  const interval = 1000 / READ_RATE;
  const count = Math.round(seconds * READ_RATE);
  const started = performance.now();
  let maxLag = 0;
  for (let i = 0; i < count; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    maxLag = Math.max(maxLag, performance.now() - due);
    const [name, path] = routes[i % routes.length];
    const result = results.get(name);
    if (pending.size >= MAX_OUTSTANDING_READS) {
      result.skipped += 1;
      continue;
    }
    const t = performance.now();
    const request = fetch(`${base}${path()}`, {
      headers,
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    })
      .then(async res => {
        await res.arrayBuffer();
        if (res.ok) {
          result.ms.push(performance.now() - t);
        } else {
          result.errors[res.status] = (result.errors[res.status] ?? 0) + 1;
        }
      })
      .catch(error => {
        const key = error.cause?.code ?? error.name;
        result.errors[key] = (result.errors[key] ?? 0) + 1;
      })
      .finally(() => pending.delete(request));
    pending.add(request);
  }
  await Promise.all(pending);
  return { results, maxLag };
}

function describeReads(results) {
  const rows = new Map();
  for (const [name, r] of results) {
    const s = [...r.ms].sort((a, b) => a - b);
    const errors = Object.entries(r.errors)
      .map(([k, v]) => `${v}x${k}`)
      .join(' ');
    rows.set(
      name,
      s.length === 0
        ? `n=0${errors ? ` errors ${errors}` : ''}`
        : `n=${s.length} p50 ${quantile(s, 0.5).toFixed(1)} p95 ${quantile(
            s,
            0.95,
          ).toFixed(1)} p99 ${quantile(s, 0.99).toFixed(1)} max ${s[
            s.length - 1
          ].toFixed(1)} ms` +
            (errors ? `; errors ${errors}` : '') +
            (r.skipped ? `; ${r.skipped} skipped` : ''),
    );
  }
  return rows;
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
  ingest({ token: ingestToken, until }),
  readLoop({ token: readToken, seconds: SECONDS }),
]);
clearInterval(sampler);
const lat = [...loadIngest.latencies].sort((a, b) => a - b);
const failed = Object.entries(loadIngest.failed)
  .map(([k, v]) => `${v}x${k}`)
  .join(' ');
say(
  `ingest: ${fmt(
    loadIngest.accepted,
  )} events accepted in ${loadIngest.seconds.toFixed(1)} s = ${fmt(
    loadIngest.accepted / loadIngest.seconds,
  )} events/s (${fmt(loadIngest.batches)} batches, ${fmt(
    loadIngest.duplicates,
  )} duplicates, ${loadIngest.refused} answers 429${
    failed ? `, failed attempts ${failed}` : ''
  }); batch latency p50 ${quantile(lat, 0.5).toFixed(0)} ms, p95 ${quantile(
    lat,
    0.95,
  ).toFixed(0)} ms, max ${
    lat.length ? lat[lat.length - 1].toFixed(0) : 'NaN'
  } ms`,
);
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
  token: readToken,
  seconds: BASELINE_SECONDS,
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
