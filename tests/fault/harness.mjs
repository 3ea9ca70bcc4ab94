// Shared pieces of the fault tests (not a test file itself): the private
// PostgreSQL cluster of scripts/postgres.sh, a real backend process the test
// supervises, and an ingest loop that records what the API acknowledged.
//
// Environment (scripts/test.sh sets the first two):
//   PG_PORT           port of the scripts/postgres.sh cluster (default 55432)
//   PG_DATA           its data folder, when not the script's default
//   TEMPORAL_ADDRESS  a Temporal frontend (the backend starts without one)
//   FAULT_PORTS       backend ports of the two tests (default 7067,7068)
//   FAULT_KEEP_DATABASES=1 keeps the databases of a run for inspection
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(ROOT, 'package.json'));
const pg = require('pg');

export const PG_PORT = process.env.PG_PORT || '55432';
const POSTGRES_SH = join(ROOT, 'scripts/postgres.sh');
const BACKEND_DIR = join(ROOT, 'packages/backend');

/** Backend port of test `index` (0: restart PostgreSQL, 1: kill the backend). */
export function backendPort(index) {
  const ports = (process.env.FAULT_PORTS || '7067,7068').split(',');
  return Number(ports[index] ?? Number(ports[0]) + index);
}

export function log(...parts) {
  process.stderr.write(
    `[fault ${new Date().toISOString().slice(11, 23)}] ${parts.join(' ')}\n`,
  );
}

function run(file, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      args,
      { timeout: 90_000, ...options },
      (error, stdout, stderr) => {
        if (error) {
          error.message += `\n${stderr}`;
          reject(error);
        } else {
          resolvePromise(stdout.trim());
        }
      },
    );
  });
}

// ---------------------------------------------------------------- PostgreSQL

/** scripts/postgres.sh with this test's PG_PORT (and PG_DATA when given). */
export function postgres(command) {
  return run(POSTGRES_SH, [command], {
    env: { ...process.env, PG_PORT },
  });
}

/**
 * Checks that the cluster scripts/postgres.sh would stop (its data folder:
 * PG_DATA, or a default that does not depend on the port) is the one that
 * answers on PG_PORT, so that the test never stops someone else's cluster.
 */
export async function assertOwnCluster() {
  const scriptData = await run(
    'bash',
    [
      '-c',
      'source scripts/lib/env.sh && printf %s "${PG_DATA:-/tmp/ai-ops-console-pg-$(printf %s "$ROOT" | sha1sum | cut -c1-8)}"',
    ],
    { cwd: ROOT, env: { ...process.env, PG_PORT } },
  );
  let served;
  try {
    served = await withPg('postgres', async client => {
      const { rows } = await client.query('show data_directory');
      return rows[0].data_directory;
    });
  } catch (error) {
    throw new Error(
      `no PostgreSQL answers on PG_PORT=${PG_PORT} (${error.message}): start it with scripts/postgres.sh start`,
    );
  }
  if (realpathSync(served) !== realpathSync(scriptData)) {
    throw new Error(
      `the cluster on PG_PORT=${PG_PORT} runs from ${served}, but scripts/postgres.sh would stop ${scriptData}: set PG_DATA=${served}`,
    );
  }
}

/** Connection string of the cluster (database postgres). */
export async function pgUrl(database) {
  const url = new URL(await postgres('url'));
  if (database) url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Runs fn with a pg client on `database`; always closes it. */
export async function withPg(database, fn) {
  const client = new pg.Client({ connectionString: await pgUrl(database) });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops every database named with this prefix (the backend's plugin databases). */
export async function dropDatabases(prefix) {
  if (process.env.FAULT_KEEP_DATABASES === '1') {
    log(`keeping the databases ${prefix}*`);
    return;
  }
  await withPg('postgres', async client => {
    const { rows } = await client.query(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(
        `drop database if exists "${datname.replace(/"/g, '""')}" with (force)`,
      );
    }
  });
}

/**
 * What the store holds for ids starting with `idPrefix`: the raw ids, and the
 * request counts of the minute and hour rollups (ai-metrics' own tables).
 */
export async function storedEvents(prefix, idPrefix) {
  return withPg(`${prefix}ai-metrics`, async client => {
    const { rows } = await client.query(
      'select id from ai_metric_events where starts_with(id, $1)',
      [idPrefix],
    );
    const sum = async table => {
      const result = await client.query(
        `select coalesce(sum(request_count), 0)::bigint as n from ${table} where model = $1`,
        [idPrefix],
      );
      return Number(result.rows[0].n);
    };
    return {
      ids: new Set(rows.map(r => r.id)),
      minuteRequests: await sum('ai_metric_rollups_minute'),
      hourRequests: await sum('ai_metric_rollups_hour'),
    };
  });
}

// ------------------------------------------------------------------- backend

function portFree(port) {
  return new Promise(resolvePromise => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(false);
    });
    socket.once('error', () => resolvePromise(true));
  });
}

/**
 * The configuration of one test backend: the repository's app-config.yaml
 * plus an overlay (own port, PostgreSQL with a prefix of its own so that
 * every run starts empty, a static token for the producer, no Temporal
 * worker, no demo data).
 */
export async function backendConfig({ port, prefix }) {
  const token = randomBytes(24).toString('base64url');
  const base = `http://127.0.0.1:${port}`;
  const overlay = {
    app: { baseUrl: base },
    backend: {
      baseUrl: base,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: base },
      database: {
        client: 'pg',
        connection: await pgUrl(),
        prefix,
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token, subject: 'fault-test-producer' },
          },
        ],
      },
    },
    // the producer may send every model: each run names its own
    aiMetrics: {
      ingest: {
        producers: [{ subject: 'fault-test-producer', models: ['*'] }],
      },
    },
    workflows: {
      temporal: {
        address: process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
      },
      worker: { enabled: false },
    },
    // the counts of stored events are the test's own
    console: { demoData: { enabled: false } },
  };
  const dir = mkdtempSync(join(tmpdir(), 'fault-backend-'));
  const file = join(dir, 'app-config.fault.yaml');
  // JSON is YAML
  writeFileSync(file, JSON.stringify(overlay, null, 2));
  return { port, base, token, prefix, file, dir };
}

/**
 * Starts the backend as a child process (the test is its supervisor) and
 * waits for its readiness; answers { child, pid, startedMs, logFile }.
 */
export async function startBackend(
  config,
  { name = 'backend', timeoutMs = 60_000 } = {},
) {
  if (!(await portFree(config.port))) {
    throw new Error(
      `port ${config.port} is in use: set FAULT_PORTS to free ports`,
    );
  }
  // the test runner's own variables are not the backend's business
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const logFile = join(config.dir, `${name}.log`);
  const out = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      config.file,
    ],
    {
      cwd: BACKEND_DIR,
      stdio: ['ignore', out, out],
      env: { ...env, NODE_ENV: 'development' },
    },
  );
  closeSync(out);
  const exited = new Promise(resolvePromise =>
    child.once('exit', (code, signal) => resolvePromise({ code, signal })),
  );
  child.exited = exited;
  let gone;
  exited.then(e => (gone = e));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) {
      throw new Error(
        `the backend exited (${
          gone.code ?? gone.signal
        }) before it was ready:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`${config.base}/.backstage/health/v1/readiness`);
      if (res.ok) {
        const startedMs = performance.now() - started;
        log(
          `${name} ready on :${config.port} (pid ${child.pid}) after ${(
            startedMs / 1000
          ).toFixed(1)} s`,
        );
        return { child, pid: child.pid, startedMs, logFile };
      }
      await res.arrayBuffer();
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(
    `the backend was not ready within ${timeoutMs / 1000} s:\n${tail(logFile)}`,
  );
}

/** Stops a backend child: SIGTERM, then SIGKILL after a grace period. */
export async function stopBackend(backend, graceMs = 10_000) {
  if (
    !backend ||
    backend.child.exitCode !== null ||
    backend.child.signalCode !== null
  )
    return;
  backend.child.kill('SIGTERM');
  const timer = setTimeout(() => backend.child.kill('SIGKILL'), graceMs);
  await backend.child.exited;
  clearTimeout(timer);
}

/** The last lines of a log, without colours, each cut at 400 characters. */
export function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .slice(-lines - 1)
      .map(line => line.slice(0, 400))
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/** The last warnings and errors of a log (the context of a failed assertion). */
export function problems(file, lines = 10) {
  return tail(file, 100_000)
    .split('\n')
    .filter(line => / (warn|error) /.test(line))
    .slice(-lines)
    .join('\n');
}

/** GET with the producer's token; answers { status, body } (body parsed when JSON). */
export async function get(config, path) {
  const res = await fetch(`${config.base}${path}`, {
    headers: { authorization: `Bearer ${config.token}` },
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

// --------------------------------------------------------------- ingest loop

const HOUR = 3_600_000;

/**
 * Producers posting batches of events with unique ids to
 * POST /api/ai-metrics/events, as a well-behaved client does: a batch that
 * is not acknowledged (429, 5xx, connection error) is sent again with the
 * same ids. Every attempt and acknowledgement is recorded.
 *
 * All events of a run carry the run id as their model name, so the rollups
 * of the run can be summed apart from anything else in the database.
 */
export class IngestLoop {
  constructor({ config, run, batchSize = 200, concurrency = 4 }) {
    this.config = config;
    this.run = run;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
    this.batches = [];
    this.retry = [];
    this.nextBatch = 0;
    this.producing = false;
    this.paused = false;
    this.stopped = false;
    /** every attempt: { at, end, status, retryAfter, message, batch } (status 0: no HTTP answer) */
    this.answers = [];
    this.workers = [];
  }

  get idPrefix() {
    return this.run;
  }

  /** Starts the workers; they make new batches while producing. */
  start() {
    this.producing = true;
    this.workers = Array.from({ length: this.concurrency }, () =>
      this.worker(),
    );
  }

  /** No new batches from now on; unacknowledged ones are still retried. */
  stopProducing() {
    this.producing = false;
  }

  /** Attempts wait (a supervisor restarting the backend, say). */
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
  }

  /** Stops producing, retries until every batch is acknowledged or timeoutMs passes. */
  async drain(timeoutMs = 30_000) {
    this.stopProducing();
    const deadline = Date.now() + timeoutMs;
    while (
      Date.now() < deadline &&
      (this.retry.length > 0 || this.batches.some(b => b.inFlight))
    ) {
      await sleep(100);
    }
    this.stopped = true;
    await Promise.all(this.workers);
  }

  makeBatch() {
    const number = this.nextBatch++;
    const now = Date.now();
    const events = [];
    for (let i = 0; i < this.batchSize; i++) {
      const n = number * this.batchSize + i;
      events.push({
        id: `${this.run}-${number}-${i}`,
        // over the last 10 hours: several minute and hour buckets
        timestamp: new Date(now - ((n * 7919) % (10 * HOUR))).toISOString(),
        model: this.run,
        version: `v${n % 3}`,
        provider: 'fault-test',
        operation: 'chat',
        latencyMs: 10 + (n % 500),
        inputTokens: 100 + (n % 50),
        outputTokens: 10 + (n % 20),
        costUsd: 0.001,
        ...(n % 40 === 0 ? { errorType: 'timeout' } : {}),
      });
    }
    const batch = {
      number,
      ids: events.map(e => e.id),
      body: JSON.stringify({ events }),
      attempts: [],
      acked: false,
      inFlight: false,
    };
    this.batches.push(batch);
    return batch;
  }

  async worker() {
    while (!this.stopped) {
      if (this.paused) {
        await sleep(50);
        continue;
      }
      let batch = this.retry.shift();
      if (!batch) {
        if (!this.producing) {
          await sleep(50);
          continue;
        }
        batch = this.makeBatch();
      }
      const delay = await this.send(batch);
      if (!batch.acked) {
        this.retry.push(batch);
      }
      if (delay) await sleep(delay);
    }
  }

  /** One attempt; answers how long to wait before the next one (ms). */
  async send(batch) {
    batch.inFlight = true;
    const started = Date.now();
    const attempt = { at: started, status: 0, message: '' };
    batch.attempts.push(attempt);
    try {
      const res = await fetch(`${this.config.base}/api/ai-metrics/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.config.token}`,
        },
        body: batch.body,
        signal: AbortSignal.timeout(30_000),
      });
      attempt.status = res.status;
      attempt.retryAfter = res.headers.get('retry-after');
      const text = await res.text();
      attempt.end = Date.now();
      if (res.ok) {
        const result = JSON.parse(text);
        attempt.accepted = result.accepted;
        attempt.duplicates = result.duplicates;
        batch.acked = true;
        batch.ackedAt = Date.now();
        return 0;
      }
      try {
        attempt.message = JSON.parse(text)?.error?.message ?? text;
      } catch {
        attempt.message = text;
      }
      // sooner than Retry-After asks (seconds), so that recovery is seen
      // to within a quarter of a second
      return 250;
    } catch (error) {
      attempt.end = Date.now();
      attempt.message = `${error.cause?.code ?? error.name}: ${
        error.cause?.message ?? error.message
      }`;
      return 250;
    } finally {
      batch.inFlight = false;
      this.answers.push({ ...attempt, batch: batch.number });
    }
  }

  ackedIds() {
    return new Set(this.batches.filter(b => b.acked).flatMap(b => b.ids));
  }

  allIds() {
    return new Set(this.batches.flatMap(b => b.ids));
  }

  /** Answers counted by status (0: no HTTP answer). */
  statusCounts(from = 0, to = Infinity) {
    const counts = {};
    for (const a of this.answers) {
      if (a.at >= from && a.at < to)
        counts[a.status] = (counts[a.status] ?? 0) + 1;
    }
    return counts;
  }

  /** Sum of accepted and of duplicates over every 2xx answer. */
  totals() {
    let accepted = 0;
    let duplicates = 0;
    for (const b of this.batches) {
      for (const a of b.attempts) {
        if (a.status >= 200 && a.status < 300) {
          accepted += a.accepted;
          duplicates += a.duplicates;
        }
      }
    }
    return { accepted, duplicates };
  }
}

/** A unique id for this run (database prefix, event ids). */
export function runId(kind) {
  return `fault_${kind}_${Date.now().toString(36)}${randomBytes(3).toString(
    'hex',
  )}`;
}

/** Polls fn (sync or async) every intervalMs until it is truthy; throws after timeoutMs. */
export async function waitUntil(fn, { timeoutMs, intervalMs = 50, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}`,
      );
    }
    await sleep(intervalMs);
  }
}

/** Each message of the non-2xx answers with its count, by status. */
export function failureMessages(answers) {
  const counts = {};
  for (const a of answers) {
    if (a.status >= 200 && a.status < 300) continue;
    const key = `${a.status} ${a.message}`.slice(0, 200);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
