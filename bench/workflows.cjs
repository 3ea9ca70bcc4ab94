// Benchmark of the workflows plugin against a real Temporal server (a
// benchmark, not a test: it prints figures).
//
//   1. starts per second through POST /api/workflows/executions
//   2. list latency for a page of 100 with BENCH_EXECUTIONS (10,000) executions
//      in the namespace, through the API and through the same visibility call
//      made directly with @temporalio/client, and their ratio
//   3. time from a state change (start, terminate) to the signal reaching a
//      connected WebSocket client of Backstage's signals plugin
//
// It starts its own backend in this process (workflows, signals, events, auth
// with the guest provider; permission framework off) on BENCH_PORT (7207).
// The 10,000 executions are started with the client on a task queue that no
// worker polls, so they stay Running; the API's starts go to the console's
// worker, which is off here (workflows.worker.enabled: false).
// Run from the repository root, with a Temporal dev server:
//   source scripts/lib/env.sh && TEMPORAL_PORT=17233 scripts/temporal.sh start
//   TEMPORAL_ADDRESS=127.0.0.1:17233 node \
//     --require @backstage/cli-node/config/nodeTransform.cjs bench/workflows.cjs
// Bounded: fixed counts; loopback only. Use a fresh dev server (its SQLite
// file) for comparable figures: the namespace's size changes list latency.
const { createBackend } = require('@backstage/backend-defaults');
const { Client, Connection } = require('@temporalio/client');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { randomUUID } = require('node:crypto');

const address = process.env.TEMPORAL_ADDRESS;
const port = Number(process.env.BENCH_PORT ?? 7207);
const base = `http://127.0.0.1:${port}`;
const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 10_000);

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = p => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return {
    p50: q(0.5),
    p95: q(0.95),
    text: `p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (n=${
      s.length
    })`,
  };
}

async function pool(count, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await fn(i);
      }
    }),
  );
}

async function main() {
  if (!address) throw new Error('set TEMPORAL_ADDRESS to a Temporal server');
  const dir = mkdtempSync(join(tmpdir(), 'bench-workflows-'));
  const configFile = join(dir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    `app:\n  baseUrl: ${base}\nbackend:\n  baseUrl: ${base}\n  listen: { port: ${port}, host: 127.0.0.1 }\n` +
      `  database:\n    client: better-sqlite3\n    connection: ':memory:'\n` +
      `auth:\n  environment: development\n  providers:\n    guest: {}\n` +
      `permission:\n  enabled: false\n` +
      `workflows:\n  temporal:\n    address: ${address}\n    namespace: default\n  worker:\n    enabled: false\n`,
  );
  process.argv.push('--config', configFile);
  process.env.NODE_ENV = 'development';

  const backend = createBackend();
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(import('@ai-ops-console/backstage-plugin-workflows-backend'));
  await backend.start();

  const token = (
    await (
      await fetch(`${base}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      })
    ).json()
  ).backstageIdentity.token;
  const call = async (path, init = {}) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
    });
    const body = await res.json();
    return { status: res.status, body, ms: performance.now() - t0 };
  };

  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const idleQueue = `bench-nobody-polls-${randomUUID()}`;

  // --- 1. starts per second through the API ---------------------------------
  {
    const n = 500;
    const t0 = performance.now();
    const latencies = [];
    await pool(n, 20, async () => {
      const r = await call('/api/workflows/executions', {
        method: 'POST',
        body: JSON.stringify({
          type: 'modelPromotion',
          input: { model: 'bench', toVersion: 'v1' },
        }),
      });
      if (r.status !== 201)
        throw new Error(
          `start answered ${r.status}: ${JSON.stringify(r.body)}`,
        );
      latencies.push(r.ms);
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `starts through the API: ${(n / seconds).toFixed(
        0,
      )}/s (${n} starts, 20 concurrent), latency ${stats(latencies).text}`,
    );
  }

  // --- 2. list latency with many executions --------------------------------
  {
    const t0 = performance.now();
    await pool(EXECUTIONS, 50, async i => {
      await client.workflow.start('modelPromotion', {
        taskQueue: idleQueue,
        workflowId: `bench-${i}-${randomUUID()}`,
        args: [{ model: 'bench', toVersion: 'v1' }],
      });
    });
    console.log(
      `started ${EXECUTIONS} executions with the client in ${(
        (performance.now() - t0) /
        1000
      ).toFixed(1)} s`,
    );
    const cases = [
      {
        label: 'first page',
        api: '/api/workflows/executions?pageSize=100',
        query: '',
      },
      {
        label: 'filtered (type, status)',
        api: '/api/workflows/executions?pageSize=100&type=modelPromotion&status=Running',
        query:
          "(ExecutionStatus IN ('Running') AND WorkflowType IN ('modelPromotion'))",
      },
    ];
    for (const c of cases) {
      const viaApi = [];
      const direct = [];
      for (let i = 0; i < 60; i++) {
        const a = await call(c.api);
        if (a.status !== 200 || a.body.items.length !== 100)
          throw new Error(`list answered ${a.status}`);
        const t = performance.now();
        await client.workflowService.listWorkflowExecutions({
          namespace: 'default',
          pageSize: 100,
          query: c.query,
        });
        const d = performance.now() - t;
        if (i >= 10) {
          viaApi.push(a.ms);
          direct.push(d);
        }
      }
      const sa = stats(viaApi);
      const sd = stats(direct);
      console.log(
        `list page of 100, ${c.label}: API ${sa.text}; direct visibility call ${
          sd.text
        }; ratio p50 ${(sa.p50 / sd.p50).toFixed(2)}, p95 ${(
          sa.p95 / sd.p95
        ).toFixed(2)}`,
      );
    }
  }

  // --- 3. state change to a connected client --------------------------------
  {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/signals`, token);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    ws.send(
      JSON.stringify({ action: 'subscribe', channel: 'workflows:executions' }),
    );
    const waiting = new Map();
    ws.onmessage = event => {
      const data = JSON.parse(String(event.data));
      const message = data.message ?? data;
      const key = `${message.workflowId}:${message.status}`;
      const resolve = waiting.get(key);
      if (resolve) {
        waiting.delete(key);
        resolve(performance.now());
      }
    };
    const until = key => new Promise(resolve => waiting.set(key, resolve));
    await new Promise(resolve => setTimeout(resolve, 1500)); // subscription settles
    const samples = [];
    for (let i = 0; i < 20; i++) {
      const workflowId = `bench-push-${i}-${randomUUID()}`;
      const started = until(`${workflowId}:Running`);
      const t0 = performance.now();
      const handle = await client.workflow.start('modelPromotion', {
        taskQueue: idleQueue,
        workflowId,
        args: [{ model: 'bench', toVersion: 'v1' }],
      });
      samples.push((await started) - t0);
      const terminated = until(`${workflowId}:Terminated`);
      const t1 = performance.now();
      await handle.terminate('bench');
      samples.push((await terminated) - t1);
    }
    ws.close();
    console.log(
      `state change to a connected signals client: ${
        stats(samples).text
      } (change feed polls every 1 s)`,
    );
  }

  await connection.close();
  await backend.stop();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
