// The built backend, as production runs it (scripts/built-backend.sh): the
// output of `yarn build:backend` with production dependencies only, started
// with NODE_ENV=production on app-config.production.yaml alone, against
// PostgreSQL, Redis, Temporal and the dev IdP as the OIDC provider.
//
//   scripts/built-backend.sh build && scripts/built-backend.sh install
//   TEMPORAL_ADDRESS=... scripts/built-backend.sh start
//   BUILT_URL=http://localhost:7007 node --test tests/built/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { backstageSignIn } from '../../packages/dev-idp/test/http-client.js';

const base = process.env.BUILT_URL ?? 'http://localhost:7007';

/** The app's popup sign-in through the dev IdP; returns the Backstage token. */
async function signIn(username) {
  return (await backstageSignIn(base, username)).token;
}

test('the built backend serves the app and refuses what production must refuse', async () => {
  const ready = await fetch(`${base}/.backstage/health/v1/readiness`);
  assert.equal(ready.status, 200);
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<div id="root">/);
  const anonymous = await fetch(`${base}/api/workflows/executions`);
  assert.equal(anonymous.status, 401);
  // no guest in production
  const guest = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.ok(
    guest.status >= 400 && guest.status < 500,
    `guest: ${guest.status}`,
  );
});

test('a user signs in through OIDC and runs a workflow on the built worker', async () => {
  const token = await signIn('admin');
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const started = await fetch(`${base}/api/workflows/executions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      type: 'modelEvaluation',
      input: { model: 'local-sentiment', dataset: 'sentiment-small' },
    }),
  });
  assert.equal(started.status, 201, await started.clone().text());
  const { workflowId } = await started.json();
  let status;
  for (let i = 0; i < 120; i++) {
    const res = await fetch(
      `${base}/api/workflows/executions/${encodeURIComponent(workflowId)}`,
      { headers },
    );
    status = (await res.json()).status;
    if (status !== 'Running') break;
    await sleep(500);
  }
  assert.equal(status, 'Completed');
});
