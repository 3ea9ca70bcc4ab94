// What the image (packages/backend/Dockerfile) adds to the built backend,
// checked on the install that scripts/built-backend.sh made with the
// Dockerfile's own steps (packages/backend/docker/install-production.sh):
// its HEALTHCHECK script and the tracing preload that compose and the Helm
// chart set through NODE_OPTIONS.
//   BUILT_URL (http://localhost:7007), BUILT_DIR (.run/built/app)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const base = process.env.BUILT_URL ?? 'http://localhost:7007';
const dir = resolve(root, process.env.BUILT_DIR ?? '.run/built/app');
const healthcheck = resolve(root, 'packages/backend/docker/healthcheck.js');

/** Runs the image's health check; async, so that a server here can answer it. */
async function runHealthcheck(url) {
  const child = spawn(process.execPath, [healthcheck], {
    env: { ...process.env, HEALTHCHECK_URL: url },
    timeout: 10_000,
  });
  let stderr = '';
  child.stderr.on('data', chunk => {
    stderr += chunk;
  });
  const [status] = await once(child, 'exit');
  return { status, stderr };
}

test('the health check passes while the built backend is ready', async () => {
  const run = await runHealthcheck(`${base}/.backstage/health/v1/readiness`);
  assert.equal(run.status, 0, run.stderr);
});

test('the health check fails when nothing answers, or answers other than 200', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address();
  closed.close();
  await once(closed, 'close');
  const refused = await runHealthcheck(`http://127.0.0.1:${port}/`);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /ECONNREFUSED/);

  // a backend that is up but not ready answers 503
  const starting = createServer((req, res) => {
    res.statusCode = 503;
    res.end('{"status":"error"}');
  });
  starting.listen(0, '127.0.0.1');
  await once(starting, 'listening');
  try {
    const started = Date.now();
    const notReady = await runHealthcheck(
      `http://127.0.0.1:${starting.address().port}/`,
    );
    assert.equal(notReady.status, 1);
    // refused for the 503, not after its own 4 s timeout
    assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
  } finally {
    starting.close();
  }
});

test('the tracing preload loads from the install, with the SDK on', () => {
  // NODE_OPTIONS="--require /app/instrumentation.js" in deploy/: the SDK must
  // resolve from the production dependencies alone
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      './instrumentation.js',
      '-e',
      "process.stdout.write(String(require.resolve('@opentelemetry/sdk-node').startsWith(process.cwd())))",
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SDK_DISABLED: 'false',
      },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'true');
});
