// The load that bench/load.mjs and bench/topology.mjs put on a running
// console: ingest at full rate into POST /api/ai-metrics/events, and the
// reads a console user makes at a fixed rate (open loop). Benchmarks only.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const HOUR = 3_600_000;
const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'claude-3-5-sonnet',
  'llama-3-1-70b',
  'mistral-large',
];
const MAX_OUTSTANDING_READS = 200;
const READ_TIMEOUT_MS = 30_000;

export const say = (...parts) => process.stdout.write(`${parts.join(' ')}\n`);
export const fmt = n => Math.round(n).toLocaleString('en-US');

/** Resident memory of a process in MB, or undefined when it is gone. */
export function rssOf(pid) {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return undefined;
  }
}

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Refuses a base URL that is not on loopback: a benchmark loads its own machine. */
export function loopbackBase(url) {
  const base = url.replace(/\/$/, '');
  const host = new URL(base).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`the benchmark URL must point at loopback, got ${host}`);
  }
  return base;
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

/**
 * Ingests until `until` (performance.now()) or `maxEvents`: `concurrency`
 * batches of `batch` events in flight, at full rate or, with `rate`, paced
 * to that many events per second. A refused or failed batch is sent again,
 * as a producer would. `headers` are added to every request (e.g. a cookie
 * that pins a replica).
 */
export async function ingest(options) {
  const { base, token, until, concurrency, batch, maxEvents } = options;
  const headers = {
    ...options.headers,
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  };
  const run = `${Date.now().toString(36)}${options.tag ?? ''}`;
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
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < until && next < maxEvents) {
      const from = next;
      next += batch;
      if (options.rate) {
        const due = started + (from / options.rate) * 1000;
        if (due > performance.now()) await sleep(due - performance.now());
        if (performance.now() >= until) break;
      }
      const events = [];
      for (let i = from; i < Math.min(from + batch, maxEvents); i++) {
        events.push(makeEvent(run, i, now));
      }
      const body = JSON.stringify({ events });
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
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/** One line on an ingest run: events/s, refusals, batch latency. */
export function describeIngest(stats) {
  const lat = [...stats.latencies].sort((a, b) => a - b);
  const failed = Object.entries(stats.failed)
    .map(([k, v]) => `${v}x${k}`)
    .join(' ');
  return `${fmt(stats.accepted)} events accepted in ${stats.seconds.toFixed(
    1,
  )} s = ${fmt(stats.accepted / stats.seconds)} events/s (${fmt(
    stats.batches,
  )} batches, ${fmt(stats.duplicates)} duplicates, ${
    stats.refused
  } answers 429${
    failed ? `, failed attempts ${failed}` : ''
  }); batch latency p50 ${quantile(lat, 0.5).toFixed(0)} ms, p95 ${quantile(
    lat,
    0.95,
  ).toFixed(0)} ms, max ${
    lat.length ? lat[lat.length - 1].toFixed(0) : 'NaN'
  } ms`;
}

/** The console reads, each a name and the path of its query (made at call time). */
export function readRoutes() {
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
 * Reads at `rate` per second, round robin over the routes, for `seconds`;
 * answers per route the latencies of 2xx answers and the other outcomes
 * counted. Reads go out on schedule whether or not earlier ones answered, so
 * a slow answer does not hide the ones behind it; past 200 outstanding a read
 * counts as skipped. `skip` (a RegExp) leaves out the routes it matches.
 */
export async function readLoop(options) {
  const { base, token, seconds, rate } = options;
  const routes = readRoutes().filter(
    ([name]) => !options.skip || !options.skip.test(name),
  );
  const results = new Map(
    routes.map(([name]) => [name, { ms: [], errors: {}, skipped: 0 }]),
  );
  const headers = { ...options.headers, authorization: `Bearer ${token}` };
  const pending = new Set();
  const interval = 1000 / rate;
  const count = Math.round(seconds * rate);
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

/** Latencies of every read, whatever the route, sorted. */
export function allReadLatencies(results) {
  return [...results.values()].flatMap(r => r.ms).sort((a, b) => a - b);
}

/** Non-2xx answers and failures of every read, whatever the route. */
export function readErrors(results) {
  let n = 0;
  for (const r of results.values()) {
    for (const v of Object.values(r.errors)) n += v;
  }
  return n;
}

export function describeReads(results) {
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
