#!/usr/bin/env node
// Benchmark of the ai-metrics ingest path (a benchmark, not a test: it prints figures).
//
//   1. raw:  multi-row knex inserts straight into a scratch PostgreSQL database
//            (the ceiling of the raw events table without rollups or HTTP)
//   2. http: batches of BENCH_BATCH (500) events posted to a running backend, which
//            validates, stores raw events and rollups in one transaction each
//   3. query: p50/p95 of 24-hour aggregate queries after the load, and the
//            backend's RSS when BENCH_BACKEND_PID is given
//
// Run from the repository root (knex and pg come from its node_modules):
//   source scripts/lib/env.sh && scripts/postgres.sh start
//   BENCH_PG_URL=$(scripts/postgres.sh url) \
//   BENCH_URL=http://127.0.0.1:7007 BENCH_TOKEN=<static externalAccess token> \
//   BENCH_BACKEND_PID=<pid of the backend node process> \
//   node bench/ai-metrics-ingest.mjs
//
// Every part is skipped when its variable is missing (BENCH_PG_URL for raw, BENCH_URL
// for http and query). Bounded: BENCH_EVENTS events (default 1,000,000) or
// BENCH_MAX_SECONDS (default 900) per part, whichever comes first; loopback only.
// The http part loads events timestamped over the last 23 hours with unique ids;
// running it twice loads twice (ids carry the start time).
//
// The backend can be bench/ai-metrics-backend.cjs (only this plugin, no file watching);
// its header says how to start it. Measured once on 2026-11-26 (2 cores, PostgreSQL 15 on
// the same machine, NODE_ENV=production): raw 46k rows/s; http 10.3k events/s (batches of
// 500, 4 concurrent, no 429); 24-hour series p50 5 ms at step 1h, 104 ms at step 5m after
// 1M events; backend RSS 277 MB idle, ~700 MB under load, flat on a second load.
// After the array-parameter insert, SQL-side rollup merge, group commit and per-step reads
// (same machine, other work running, load average ~5): http 17k and 25k events/s in two runs
// (baseline 8.0k in the same conditions); step 5m p95 56-75 ms (baseline 167 ms).
// Quiet machine, after dropping the unused (model, occurred_at) raw index, fresh database
// each run (scripts in the closing note of the first session): raw 66.6k rows/s; http
// 27.4k events/s at 4 concurrent, 30.2k and 30.8k at 8 concurrent (batch p95 180-190 ms,
// no 429); 24 h series p95 9-11 ms at step 1h, 47.5-50.6 ms at step 5m; RSS 426 MB idle,
// 646 MB peak under load.
import knexFactory from 'knex';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
const EVENTS = Number(env.BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(env.BENCH_BATCH ?? 500);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 4);
const MAX_MS = Number(env.BENCH_MAX_SECONDS ?? 900) * 1000;
const QUERY_RUNS = Number(env.BENCH_QUERY_RUNS ?? 30);
const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'claude-3-5-sonnet',
  'llama-3-1-70b',
  'mistral-large',
];
const HOUR = 3_600_000;

const say = (...parts) => process.stdout.write(`${parts.join(' ')}\n`);
const fmt = n => Math.round(n).toLocaleString('en-US');

function loopbackOnly(url, name) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`${name} must point at loopback, got ${host}`);
  }
}

function percentile(sorted, q) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))
  ];
}

/** A deterministic pseudo-random event; i makes it unique within a run. */
function makeEvent(run, i, now) {
  const r = ((i * 2654435761) >>> 0) / 4294967296;
  const latencyMs = Math.round(80 * Math.exp(3 * r) * 10) / 10;
  return {
    id: `bench-${run}-${i}`,
    timestamp: new Date(now - Math.floor(r * 23 * HOUR)).toISOString(),
    model: MODELS[i % MODELS.length],
    version: `v${i % 3}`,
    provider: 'bench',
    operation: 'chat',
    latencyMs,
    inputTokens: 100 + (i % 900),
    outputTokens: 20 + (i % 300),
    costUsd: 0.0001 * (1 + (i % 50)),
    ...(i % 50 === 0 ? { errorType: 'timeout' } : {}),
    ...(i % 10 === 0 ? { score: (i % 100) / 100 } : {}),
  };
}

function rssOf(pid) {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = key =>
      Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

async function rawInserts(pgUrl) {
  loopbackOnly(pgUrl.replace(/^postgres(ql)?:/, 'http:'), 'BENCH_PG_URL');
  const admin = knexFactory({
    client: 'pg',
    connection: pgUrl,
    pool: { min: 0, max: 1 },
  });
  const dbName = `ai_metrics_bench_${process.pid}`;
  await admin.raw(`create database ${dbName}`);
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  const db = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 1, max: CONCURRENCY },
  });
  try {
    // the same columns and indexes as migrations/20261126_create_metric_events.js
    await db.schema.createTable('ai_metric_events', t => {
      t.string('id', 128).primary();
      t.bigInteger('occurred_at').notNullable();
      t.bigInteger('received_at').notNullable();
      t.string('model', 200).notNullable();
      t.string('model_version', 100).notNullable().defaultTo('');
      t.string('provider', 64).notNullable();
      t.string('operation', 64).notNullable();
      t.double('latency_ms').notNullable();
      t.bigInteger('input_tokens').notNullable().defaultTo(0);
      t.bigInteger('output_tokens').notNullable().defaultTo(0);
      t.double('cost_usd').notNullable().defaultTo(0);
      t.string('error_type', 128).nullable();
      t.double('score').nullable();
      t.text('labels').nullable();
      t.string('trace_id', 32).nullable();
      t.index(['occurred_at']);
      t.index(['model', 'occurred_at']);
    });
    const now = Date.now();
    const rowsPerInsert = 1000;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < EVENTS && performance.now() - started < MAX_MS) {
        const from = next;
        next += rowsPerInsert;
        const rows = [];
        for (let i = from; i < Math.min(from + rowsPerInsert, EVENTS); i++) {
          const e = makeEvent('raw', i, now);
          rows.push({
            id: e.id,
            occurred_at: Date.parse(e.timestamp),
            received_at: now,
            model: e.model,
            model_version: e.version,
            provider: e.provider,
            operation: e.operation,
            latency_ms: e.latencyMs,
            input_tokens: e.inputTokens,
            output_tokens: e.outputTokens,
            cost_usd: e.costUsd,
            error_type: e.errorType ?? null,
            score: e.score ?? null,
          });
        }
        await db('ai_metric_events').insert(rows).onConflict('id').ignore();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    const [{ n }] = await db('ai_metric_events').count({ n: '*' });
    say(
      `raw: ${fmt(Number(n))} rows in ${seconds.toFixed(1)} s = ${fmt(
        Number(n) / seconds,
      )} rows/s`,
      `(knex multi-row inserts of ${rowsPerInsert}, ${CONCURRENCY} connections, no rollups)`,
    );
  } finally {
    await db.destroy();
    await admin.raw(`drop database if exists ${dbName}`);
    await admin.destroy();
  }
}

async function httpIngest(baseUrl, token, pid) {
  const url = `${baseUrl}/api/ai-metrics/events`;
  const headers = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const run = Date.now().toString(36);
  const now = Date.now();
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  let refused = 0;
  let peakRss = 0;
  const latencies = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid)?.rssMb ?? 0);
  }, 500);
  const worker = async () => {
    while (next < EVENTS && performance.now() - started < MAX_MS) {
      const from = next;
      next += BATCH;
      const events = [];
      for (let i = from; i < Math.min(from + BATCH, EVENTS); i++)
        events.push(makeEvent(run, i, now));
      const body = JSON.stringify({ events });
      for (;;) {
        const t = performance.now();
        const res = await fetch(url, { method: 'POST', headers, body });
        if (res.status === 429) {
          refused += 1;
          await res.arrayBuffer();
          await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        if (!res.ok)
          throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
        const result = await res.json();
        latencies.push(performance.now() - t);
        accepted += result.accepted;
        duplicates += result.duplicates;
        break;
      }
      if ((from / BATCH) % 200 === 0 && from > 0) {
        const s = (performance.now() - started) / 1000;
        say(
          `  http: ${fmt(accepted)} events, ${fmt(
            accepted / s,
          )} events/s so far`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  say(
    `http: ${fmt(accepted)} events accepted (${fmt(
      duplicates,
    )} duplicates, ${refused} batches answered 429) in ${seconds.toFixed(1)} s`,
    `= ${fmt(
      accepted / seconds,
    )} events/s; batches of ${BATCH}, ${CONCURRENCY} concurrent;`,
    `batch latency p50 ${percentile(latencies, 0.5).toFixed(
      0,
    )} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms`,
  );
  const rss = rssOf(pid);
  if (rss)
    say(
      `backend RSS: ${rss.rssMb.toFixed(0)} MB after load, ${peakRss.toFixed(
        0,
      )} MB sampled peak, ${rss.peakMb.toFixed(0)} MB high-water mark`,
    );
}

async function queries(baseUrl, token) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const to = new Date();
  const from = new Date(to.getTime() - 24 * HOUR);
  const cases = [
    ['series 24h step 1h (hour rollups)', { from, to, step: '1h' }, '/series'],
    [
      'series 24h step 5m (minute rollups)',
      { from, to, step: '5m' },
      '/series',
    ],
    [
      'series 24h step 1h by version',
      { from, to, step: '1h', groupBy: 'version' },
      '/series',
    ],
    ['top 24h by latencyP95', { from, to, by: 'latencyP95' }, '/top'],
  ];
  for (const [name, params, path] of cases) {
    const qs = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [
        k,
        v instanceof Date ? v.toISOString() : String(v),
      ]),
    );
    const times = [];
    let size = 0;
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t = performance.now();
      const res = await fetch(`${baseUrl}/api/ai-metrics${path}?${qs}`, {
        headers,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text}`);
      times.push(performance.now() - t);
      size = text.length;
    }
    times.sort((a, b) => a - b);
    say(
      `query ${name}: p50 ${percentile(times, 0.5).toFixed(
        1,
      )} ms, p95 ${percentile(times, 0.95).toFixed(
        1,
      )} ms over ${QUERY_RUNS} runs (${fmt(size / 1024)} KiB)`,
    );
  }
}

const pid = env.BENCH_BACKEND_PID ? Number(env.BENCH_BACKEND_PID) : undefined;
if (env.BENCH_PG_URL) {
  await rawInserts(env.BENCH_PG_URL);
} else {
  say('raw: skipped (set BENCH_PG_URL)');
}
if (env.BENCH_URL) {
  loopbackOnly(env.BENCH_URL, 'BENCH_URL');
  const base = env.BENCH_URL.replace(/\/$/, '');
  const before = rssOf(pid);
  if (before) say(`backend RSS before load: ${before.rssMb.toFixed(0)} MB`);
  if (env.BENCH_SKIP_LOAD !== '1') await httpIngest(base, env.BENCH_TOKEN, pid);
  await queries(base, env.BENCH_TOKEN);
} else {
  say('http, query: skipped (set BENCH_URL and BENCH_TOKEN)');
}
